import { UnauthenticatedError } from "../errors/app-errors.js";
import { SELF_NAMED, type OrganizationIdResolver } from "../registry/organization-aliases.js";
import { AccessRole } from "./access-role.js";
import { API_KEY_PREFIX, hashApiKey, sameDigest } from "./api-key-format.js";
import type { ApiKeyService } from "./api-key.service.js";
import { createJwtVerifier, type JwtOptions, type JwtVerifier } from "./jwt-verifier.js";
import type { Principal } from "./principal.js";

/** Anything that turns a bearer credential into a principal; the HTTP middleware depends on this only. */
export interface CredentialAuthenticator {
  /** The principal of `credential`; UnauthenticatedError when it is missing or not valid. */
  authenticate(credential: string | null | undefined): Promise<Principal>;
}

/** Which credentials besides stored API keys are accepted; a plain object the composition root fills from Config. */
export interface AuthenticatorOptions {
  /** ADMIN_API_KEY: accepted as an ADMIN of the platform operator when set. */
  adminApiKey?: string | null;
  /** Bearer JWTs of one identity provider, when set. */
  jwt?: JwtOptions | null;
}

/** The credential id the operator's ADMIN_API_KEY acts as (recorded as the actor of its writes). */
export const ENV_ADMIN_CREDENTIAL_ID = "env:ADMIN_API_KEY";

const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Accepts the three kinds of credential of API-CONTRACT §6, told apart by their form: the operator's ADMIN_API_KEY
 * (compared in constant time), our API keys (`tgk_…`), and JWTs (three base64url parts). Every failure is the same
 * UnauthenticatedError.
 */
export class Authenticator implements CredentialAuthenticator {
  private readonly adminKeyHash: string | null;

  constructor(
    private readonly apiKeys: ApiKeyService,
    adminApiKey: string | null = null,
    private readonly jwt: JwtVerifier | null = null,
    private readonly organizationId: OrganizationIdResolver = SELF_NAMED,
  ) {
    // Digests have one length whatever the keys' lengths, so comparing them takes the same time for any guess.
    this.adminKeyHash = adminApiKey ? hashApiKey(adminApiKey) : null;
  }

  async authenticate(credential: string | null | undefined): Promise<Principal> {
    if (!credential) throw new UnauthenticatedError();
    if (this.adminKeyHash !== null && sameDigest(hashApiKey(credential), this.adminKeyHash)) {
      return { credentialId: ENV_ADMIN_CREDENTIAL_ID, organizationId: null, role: AccessRole.ADMIN, kind: "ENV_ADMIN" };
    }
    if (credential.startsWith(API_KEY_PREFIX)) return this.apiKeys.authenticate(credential);
    if (this.jwt && JWS_COMPACT.test(credential)) {
      // A partner's identity provider may name the organisation by any of its identifiers (a USCC, a party GLN).
      const principal = await this.jwt.verify(credential);
      if (principal.organizationId === null) return principal;
      return { ...principal, organizationId: await this.organizationId(principal.organizationId) };
    }
    throw new UnauthenticatedError();
  }
}

/** The authenticator for `options`; reads a JWKS file now, so a wrong path fails at start, not at the first call. */
export async function createAuthenticator(
  apiKeys: ApiKeyService,
  options: AuthenticatorOptions,
  organizationId: OrganizationIdResolver = SELF_NAMED,
): Promise<Authenticator> {
  const jwt = options.jwt ? await createJwtVerifier(options.jwt) : null;
  return new Authenticator(apiKeys, options.adminApiKey ?? null, jwt, organizationId);
}
