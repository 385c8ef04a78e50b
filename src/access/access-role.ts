/** What a credential may do (API-CONTRACT §6): ADMIN everything, the others per the contract's table. */
export const AccessRole = {
  ADMIN: "ADMIN",
  MANUFACTURER: "MANUFACTURER",
  PARTNER: "PARTNER",
  REGULATOR: "REGULATOR",
} as const;
export type AccessRole = (typeof AccessRole)[keyof typeof AccessRole];

const ROLES: ReadonlySet<string> = new Set(Object.values(AccessRole));

export function isAccessRole(value: unknown): value is AccessRole {
  return typeof value === "string" && ROLES.has(value);
}
