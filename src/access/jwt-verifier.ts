import { readFile } from "node:fs/promises";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWSAlgorithm,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import { ServiceUnavailableError, UnauthenticatedError } from "../errors/app-errors.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import { AccessRole, isAccessRole } from "./access-role.js";
import type { Principal } from "./principal.js";

/** How bearer JWTs of one identity provider are checked; the composition root fills it from the environment. */
export interface JwtOptions {
  issuer: string;
  audience: string;
  /** Where the provider's public keys are: a JWKS URL (fetched, cached, refetched for a new `kid`) or file. */
  jwksUrl?: string | null;
  jwksFile?: string | null;
  /** Top-level claim naming the organisation (any accepted spelling of its id); default `org`. */
  organizationClaim?: string;
  /** Top-level claim naming the AccessRole (case ignored); default `role`. */
  roleClaim?: string;
  /** Accepted signature algorithms; default: the asymmetric ones, so no shared secret can stand in for a key. */
  algorithms?: JWSAlgorithm[];
  /** Seconds of clock skew tolerated on `exp` and `nbf`; default 30. */
  clockToleranceSeconds?: number;
}

const ASYMMETRIC: JWSAlgorithm[] = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

/** Verifies bearer JWTs (signature, issuer, audience, expiry) and maps their claims to a Principal. */
export class JwtVerifier {
  private readonly organizationClaim: string;
  private readonly roleClaim: string;

  constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly options: JwtOptions,
  ) {
    this.organizationClaim = options.organizationClaim ?? "org";
    this.roleClaim = options.roleClaim ?? "role";
  }

  /** The principal of a valid token; UNAUTHENTICATED for any token that is not, whatever the reason. */
  async verify(token: string): Promise<Principal> {
    const payload = await this.verifiedPayload(token);
    const role = typeof payload[this.roleClaim] === "string" ? String(payload[this.roleClaim]).toUpperCase() : null;
    if (!isAccessRole(role)) throw new UnauthenticatedError();
    const organizationId = organizationOf(payload[this.organizationClaim]);
    // Only the operator's ADMIN acts for no organisation; every other role is a party's.
    if (organizationId === null && role !== AccessRole.ADMIN) throw new UnauthenticatedError();
    return { credentialId: `jwt:${payload.sub}`, organizationId, role, kind: "JWT" };
  }

  private async verifiedPayload(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.algorithms ?? ASYMMETRIC,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        // `sub` names the credential, the actor of what it writes; `exp` keeps a leaked token from living forever.
        requiredClaims: ["sub", "exp"],
      });
      return payload;
    } catch (error) {
      // Only a provider we cannot reach is our problem (503); anything wrong with the token itself is the caller's.
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) {
        throw new UnauthenticatedError();
      }
      throw new ServiceUnavailableError("The identity provider's keys could not be fetched; try again shortly.");
    }
  }
}

/** The canonical organisation id of a claim, null when absent; a malformed one fails authentication. */
function organizationOf(claim: unknown): string | null {
  if (claim === undefined || claim === null || claim === "") return null;
  if (typeof claim !== "string") throw new UnauthenticatedError();
  try {
    return canonicalOrganizationId(claim, "token");
  } catch {
    throw new UnauthenticatedError();
  }
}

/** A verifier whose keys come from `jwksUrl` (fetched when needed) or `jwksFile` (read once, now). */
export async function createJwtVerifier(options: JwtOptions): Promise<JwtVerifier> {
  if (Boolean(options.jwksUrl) === Boolean(options.jwksFile)) {
    throw new Error("JWT verification needs exactly one of jwksUrl and jwksFile");
  }
  const keys = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl))
    : createLocalJWKSet(JSON.parse(await readFile(options.jwksFile ?? "", "utf8")) as JSONWebKeySet);
  return new JwtVerifier(keys, options);
}
