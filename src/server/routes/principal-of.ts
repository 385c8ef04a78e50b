import type { Response } from "express";
import type { Principal } from "../../access/principal.js";
import { UnauthenticatedError } from "../../errors/app-errors.js";

/**
 * The principal the authentication middleware attached to this request. A protected route reached without one is a
 * wiring mistake; answering UNAUTHENTICATED keeps it from ever acting as somebody.
 */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
}
