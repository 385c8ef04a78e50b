import { SignJWT, generateKeyPair, type CryptoKey, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJwtVerifier, type JwtOptions, type JwtVerifier } from "../../../src/access/jwt-verifier.js";
import { UNAUTHENTICATED_MESSAGE, UnauthenticatedError } from "../../../src/errors/app-errors.js";
import { canonicalOrganizationId } from "../../../src/registry/identifier-input.js";
import { writeLocalJwks, type LocalJwks } from "../../support/local-jwks.js";
import { randomUscc } from "../../support/random-identifiers.js";

const ISSUER = "https://idp.tracegraph.test";
const AUDIENCE = "tracegraph-api";
const ORG = randomUscc();

let jwks: LocalJwks;
let options: JwtOptions;
let verifier: JwtVerifier;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  jwks = await writeLocalJwks("ES256", "k1");
  signingKey = jwks.privateKey;
  strangerKey = (await generateKeyPair("ES256")).privateKey;
  options = { issuer: ISSUER, audience: AUDIENCE, jwksFile: jwks.file };
  verifier = await createJwtVerifier(options);
});

afterAll(async () => {
  await jwks.remove();
});

interface TokenSpec {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  subject?: string | null;
  expiresAt?: number | null;
  key?: CryptoKey;
}

async function token(spec: TokenSpec = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ org: ORG, role: "MANUFACTURER", ...spec.claims })
    .setProtectedHeader({ alg: "ES256", kid: "k1" })
    .setIssuedAt()
    .setIssuer(spec.issuer ?? ISSUER)
    .setAudience(spec.audience ?? AUDIENCE);
  if (spec.subject !== null) jwt = jwt.setSubject(spec.subject ?? "user-1");
  if (spec.expiresAt !== null) jwt = jwt.setExpirationTime(spec.expiresAt ?? now + 600);
  return jwt.sign(spec.key ?? signingKey);
}

async function expectRefused(jwt: string): Promise<void> {
  const verifying = verifier.verify(jwt);
  await expect(verifying).rejects.toBeInstanceOf(UnauthenticatedError);
  await expect(verifying).rejects.toThrow(UNAUTHENTICATED_MESSAGE);
}

describe("JWT verification with a JWKS file", () => {
  it("turns a valid token into a principal of its organisation and role", async () => {
    expect(await verifier.verify(await token())).toEqual({
      credentialId: "jwt:user-1",
      organizationId: canonicalOrganizationId(ORG, "org"),
      role: "MANUFACTURER",
      kind: "JWT",
    });
  });

  it("reads the role in any case and the organisation in any accepted spelling", async () => {
    const principal = await verifier.verify(
      await token({ claims: { org: ` ${ORG.toLowerCase()} `, role: "partner" } }),
    );
    expect(principal).toMatchObject({ organizationId: canonicalOrganizationId(ORG, "org"), role: "PARTNER" });
  });

  it("reads the organisation and the role from configured claim names", async () => {
    const custom = await createJwtVerifier({ ...options, organizationClaim: "tg_org", roleClaim: "tg_role" });
    const jwt = await token({ claims: { org: undefined, role: undefined, tg_org: ORG, tg_role: "REGULATOR" } });
    expect(await custom.verify(jwt)).toMatchObject({ role: "REGULATOR", organizationId: ORG });
  });

  it("lets an ADMIN token name no organisation", async () => {
    const principal = await verifier.verify(await token({ claims: { org: undefined, role: "ADMIN" } }));
    expect(principal).toMatchObject({ role: "ADMIN", organizationId: null });
  });

  const past = Math.floor(Date.now() / 1000) - 3600;
  const refused: [string, () => Promise<string>][] = [
    ["another audience", () => token({ audience: "someone-else" })],
    ["another issuer", () => token({ issuer: "https://evil.example" })],
    ["an expired token", () => token({ expiresAt: past })],
    ["a token not valid yet", () => token({ claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } })],
    ["a token signed by another key", () => token({ key: strangerKey })],
    ["a token without exp", () => token({ expiresAt: null })],
    ["a token without sub", () => token({ subject: null })],
    ["an unknown role", () => token({ claims: { role: "OWNER" } })],
    ["a role that is no string", () => token({ claims: { role: ["ADMIN"] } })],
    ["a party role without an organisation", () => token({ claims: { org: undefined } })],
    ["a malformed organisation", () => token({ claims: { org: "urn:epc:id:sgtin:1" } })],
    ["an unsigned token", async () => `${(await token()).split(".").slice(0, 2).join(".")}.`],
    ["a token with a changed payload", async () => tamper(await token())],
    ["no token at all", async () => "not-a-jwt"],
  ];
  for (const [what, make] of refused) {
    it(`refuses ${what} with the one generic UNAUTHENTICATED`, async () => {
      await expectRefused(await make());
    });
  }

  it("refuses a token signed with a shared secret (HS256) even if the key set had one", async () => {
    const secret = new TextEncoder().encode("s".repeat(32));
    const jwt = await new SignJWT({ org: ORG, role: "ADMIN" })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject("u")
      .setExpirationTime("10m")
      .sign(secret);
    await expectRefused(jwt);
  });

  it("needs exactly one key source", async () => {
    await expect(createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE })).rejects.toThrow(/exactly one/);
  });
});

/** The same token with its role claim changed to ADMIN, signature kept. */
function tamper(jwt: string): string {
  const [header, payload, signature] = jwt.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as JWTPayload;
  const forged = Buffer.from(JSON.stringify({ ...claims, role: "ADMIN" })).toString("base64url");
  return `${header}.${forged}.${signature}`;
}
