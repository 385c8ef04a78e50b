import type { Principal } from "./principal.js";
import { readScope } from "./read-scope.js";

/**
 * Jobs are their submitter's (API-CONTRACT §6: a party sees its own work): a capture job its sender's organisation,
 * an issuance job the batch's maker. ADMIN and REGULATOR read every job; anyone else gets what an unknown id gets.
 */
export function mayReadJob(principal: Principal, ownerOrganizationId: string | null): boolean {
  const scope = readScope(principal);
  return scope === undefined || (ownerOrganizationId !== null && ownerOrganizationId === scope);
}
