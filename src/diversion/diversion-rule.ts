/** The diversion (防窜) rules of API-CONTRACT §3. */
export const DiversionRule = {
  REGION_MISMATCH: "REGION_MISMATCH",
  NOT_SHIPPED: "NOT_SHIPPED",
} as const;
export type DiversionRule = (typeof DiversionRule)[keyof typeof DiversionRule];
