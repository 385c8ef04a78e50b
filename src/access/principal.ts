import type { AccessRole } from "./access-role.js";

/** How a principal proved itself: a stored API key, the operator's ADMIN_API_KEY, or a verified JWT. */
export type CredentialKind = "API_KEY" | "ENV_ADMIN" | "JWT";

/**
 * Who is calling, as every service sees it. `credentialId` names the credential (recorded as the actor of writes),
 * `organizationId` the party it acts for: a canonical organisation id, or null for the platform operator.
 */
export interface Principal {
  credentialId: string;
  organizationId: string | null;
  role: AccessRole;
  kind: CredentialKind;
}

/**
 * The platform operator acting on its own behalf: the seeds, migrations and command-line tools run as it. It is an
 * ADMIN with no organisation, as `ADMIN_API_KEY` is.
 */
export const OPERATOR: Principal = Object.freeze({
  credentialId: "system",
  organizationId: null,
  role: "ADMIN",
  kind: "ENV_ADMIN",
});
