/** What an after-sales service did to a product: repaired it, took it back, or replaced it. */
export const ServiceKind = {
  REPAIR: "REPAIR",
  RETURN: "RETURN",
  REPLACEMENT: "REPLACEMENT",
} as const;
export type ServiceKind = (typeof ServiceKind)[keyof typeof ServiceKind];
