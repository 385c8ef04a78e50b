import type { EventActor } from "../graph/native-event.queries.js";
import { ForbiddenError } from "../errors/app-errors.js";
import { AccessRole } from "./access-role.js";
import type { Principal } from "./principal.js";

/**
 * The write table of API-CONTRACT §6: ADMIN writes everything; a MANUFACTURER its own products and everything of
 * them, the shipments it sends and the EPCIS events it acts in; a PARTNER the shipments it sends, scans at its own
 * locations and the EPCIS events it acts in; a REGULATOR nothing. A write on something the caller cannot see
 * answers as if it did not exist (the caller's `notFound`); a write it may not make is FORBIDDEN.
 */

/** Who made a write, recorded beside it (责任可究): the credential and the organisation it acts for. */
export interface Actor {
  credentialId: string;
  organizationId: string | null;
}

export function actorOf(principal: Principal): Actor {
  return { credentialId: principal.credentialId, organizationId: principal.organizationId };
}

/** The actor as event properties (absent for the operator's organisation, which is none). */
export function actorProps(actor: Actor): { actorCredential: string; actorOrganization?: string } {
  return {
    actorCredential: actor.credentialId,
    ...(actor.organizationId ? { actorOrganization: actor.organizationId } : {}),
  };
}

/** The actor as a native event written by a graph statement records it. */
export function eventActor(actor: Actor): EventActor {
  return { actorCredential: actor.credentialId, actorOrganization: actor.organizationId };
}

/** FORBIDDEN unless the principal's role may make this kind of write at all; decided before anything is read. */
export function assertWriteRole(principal: Principal, roles: readonly AccessRole[], action: string): void {
  if (principal.role === AccessRole.ADMIN || roles.includes(principal.role)) return;
  throw new ForbiddenError(`${principal.role} may not ${action}`, { role: principal.role, rule: "write table" });
}

/** Whether the principal acts for `organizationId`: the operator (ADMIN) acts for every organisation. */
export function actsFor(principal: Principal, organizationId: string | null | undefined): boolean {
  if (principal.role === AccessRole.ADMIN) return true;
  return organizationId != null && principal.organizationId === organizationId;
}

/**
 * For a product's own writes (batches, codes, links, releases, recalls): ADMIN, or the MANUFACTURER that makes it.
 * Another maker's product answers like a product that does not exist (`notFound`), so ids reveal nothing.
 */
export function assertMakerOf(principal: Principal, manufacturerId: string, notFound: () => Error): void {
  assertWriteRole(principal, [AccessRole.MANUFACTURER], "change products, batches or codes");
  if (!actsFor(principal, manufacturerId)) throw notFound();
}

/**
 * For writes on codes (links, voids, printing): every code must be one of the principal's products'. A code of
 * another maker, or no code at all, answers as an unknown code.
 */
export function assertMakerOfCodes(
  principal: Principal,
  makers: ReadonlyMap<string, string | null>,
  notFound: (key: string) => Error,
): void {
  assertWriteRole(principal, [AccessRole.MANUFACTURER], "change codes");
  if (principal.role === AccessRole.ADMIN) return;
  for (const [key, maker] of makers) if (!actsFor(principal, maker)) throw notFound(key);
}
