import { ForbiddenError, UnauthenticatedError } from "../errors/app-errors.js";
import type { AccessRole } from "./access-role.js";
import type { Principal } from "./principal.js";

/**
 * The principal when it has one of `roles`. No principal at all is UNAUTHENTICATED (the request was never
 * authenticated); a principal with another role is FORBIDDEN.
 */
export function requireRole(principal: Principal | null | undefined, ...roles: AccessRole[]): Principal {
  if (!principal) throw new UnauthenticatedError();
  if (!roles.includes(principal.role)) {
    throw new ForbiddenError(`This needs the ${roles.join(" or ")} role.`, { role: principal.role });
  }
  return principal;
}
