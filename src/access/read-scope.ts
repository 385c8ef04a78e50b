import { AccessRole } from "./access-role.js";
import type { Principal } from "./principal.js";

/**
 * The party whose view a read answers with (API-CONTRACT §6), or undefined for the roles that see every edge
 * (ADMIN, REGULATOR). A principal of another role without an organisation is a party of nothing: it sees nothing.
 */
export function readScope(principal: Principal): string | undefined {
  if (principal.role === AccessRole.ADMIN || principal.role === AccessRole.REGULATOR) return undefined;
  return principal.organizationId ?? "";
}
