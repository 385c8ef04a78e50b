import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey } from "../../../src/access/api-key-format.js";
import { query } from "../../../src/graph/query.js";
import {
  BadUserInputError,
  NotFoundError,
  UNAUTHENTICATED_MESSAGE,
  UnauthenticatedError,
} from "../../../src/errors/app-errors.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { testServices } from "../../support/test-services.js";
import { apiKeyService, registerOrganization, testClock } from "./access-fixtures.js";

/** Refused as every bad credential is: UNAUTHENTICATED with the one generic message. */
async function expectGenericRefusal(authenticating: Promise<unknown>): Promise<void> {
  await expect(authenticating).rejects.toBeInstanceOf(UnauthenticatedError);
  await expect(authenticating).rejects.toMatchObject({
    message: UNAUTHENTICATED_MESSAGE,
    extensions: { code: "UNAUTHENTICATED" },
  });
}

async function storedNode(id: string): Promise<Record<string, unknown>> {
  const { executor } = await testServices();
  const rows = await executor.read(
    query("test.apiKeys.node", "MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS node", { id }),
  );
  return rows[0]?.node as Record<string, unknown>;
}

describe("API keys on the real graph", () => {
  it("authenticates a created key as its organisation and role", async () => {
    const service = await apiKeyService();
    const org = await registerOrganization();
    const created = await service.create({ organizationId: org, role: "MANUFACTURER", name: " ERP " });
    expect(created.key.startsWith(`tgk_${created.id}_`)).toBe(true);
    expect(created.apiKey).toMatchObject({ organizationId: org, role: "MANUFACTURER", name: "ERP", revokedAt: null });
    expect(await service.authenticate(created.key)).toEqual({
      credentialId: created.id,
      organizationId: org,
      role: "MANUFACTURER",
      kind: "API_KEY",
    });
  });

  it("stores the organisation's canonical id whatever spelling it was given in", async () => {
    const service = await apiKeyService();
    const org = await registerOrganization();
    const created = await service.create({ organizationId: `  ${org.toLowerCase()}`, role: "PARTNER" });
    expect(created.apiKey.organizationId).toBe(org);
  });

  it("stores only the hash: neither the key nor its secret is anywhere on the node", async () => {
    const service = await apiKeyService();
    const created = await service.create({ organizationId: await registerOrganization(), role: "PARTNER" });
    const node = await storedNode(created.id);
    const secret = created.key.slice(`tgk_${created.id}_`.length);
    expect(node.secretHash).toBe(hashApiKey(created.key));
    const text = JSON.stringify(node);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(created.key);
    // Null properties are not stored: a key without name, expiry or creator has exactly these.
    expect(Object.keys(node).sort()).toEqual(["createdAt", "id", "organizationId", "role", "secretHash"]);
  });

  it("lists keys without secrets or hashes, newest first, per organisation", async () => {
    const clock = testClock();
    const service = await apiKeyService(clock);
    const org = await registerOrganization();
    const first = await service.create({ organizationId: org, role: "PARTNER", name: "first" });
    clock.advance(1000);
    const second = await service.create({ organizationId: org, role: "REGULATOR", name: "second" });
    const listed = await service.list(org);
    expect(listed.map((k) => k.id)).toEqual([second.id, first.id]);
    expect(JSON.stringify(listed)).not.toMatch(/secretHash|tgk_/);
    expect((await service.list()).map((k) => k.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it("refuses a revoked key, and revoking twice keeps the first revocation", async () => {
    const clock = testClock();
    const service = await apiKeyService(clock);
    const created = await service.create({ organizationId: await registerOrganization(), role: "PARTNER" });
    const revoked = await service.revoke(created.id, "admin-1");
    await expectGenericRefusal(service.authenticate(created.key));
    clock.advance(5000);
    const again = await service.revoke(created.id, "admin-2");
    expect(again.revokedAt).toBe(revoked.revokedAt);
    expect(again.revokedBy).toBe("admin-1");
  });

  it("refuses an expired key from its expiry on", async () => {
    const clock = testClock();
    const service = await apiKeyService(clock);
    const expiresAt = new Date(clock.now().getTime() + 60_000);
    const created = await service.create({ organizationId: await registerOrganization(), role: "PARTNER", expiresAt });
    expect(created.apiKey.expiresAt).toBe(expiresAt.toISOString());
    await service.authenticate(created.key);
    clock.advance(60_000);
    await expectGenericRefusal(service.authenticate(created.key));
  });

  it("refuses unknown, malformed and wrong-secret keys alike, with no hint", async () => {
    const service = await apiKeyService();
    const created = await service.create({ organizationId: await registerOrganization(), role: "PARTNER" });
    const wrongSecret = `${created.key.slice(0, -4)}AAAA`;
    for (const key of [generateApiKey().key, wrongSecret, "tgk_", "tgk_nothex_secret", created.key.slice(0, -1), ""]) {
      await expectGenericRefusal(service.authenticate(key));
    }
  });

  it("records lastUsedAt at most once a minute per key", async () => {
    const clock = testClock();
    const service = await apiKeyService(clock);
    const created = await service.create({ organizationId: await registerOrganization(), role: "PARTNER" });
    const lastUsed = async () => (await service.list(created.apiKey.organizationId))[0]?.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const firstUse = clock.now().toISOString();
    await service.authenticate(created.key);
    expect(await lastUsed()).toBe(firstUse);
    clock.advance(59_000);
    await service.authenticate(created.key);
    expect(await lastUsed()).toBe(firstUse);
    clock.advance(1_000);
    await service.authenticate(created.key);
    expect(await lastUsed()).toBe(clock.now().toISOString());
  });

  it("refuses a key for an organisation that is not registered with NOT_FOUND", async () => {
    const service = await apiKeyService();
    const creating = service.create({ organizationId: randomUscc(), role: "PARTNER" });
    await expect(creating).rejects.toBeInstanceOf(NotFoundError);
    await expect(creating).rejects.toMatchObject({ extensions: { code: "NOT_FOUND", field: "organizationId" } });
  });

  it("refuses a malformed organisation id, an unknown role, a past expiry and a long name with BAD_USER_INPUT", async () => {
    const service = await apiKeyService();
    const org = await registerOrganization();
    const requests = [
      { organizationId: "uscc:123", role: "PARTNER" },
      { organizationId: org, role: "OWNER" },
      { organizationId: org, role: "PARTNER", expiresAt: new Date(Date.now() - 1000) },
      { organizationId: org, role: "PARTNER", name: "n".repeat(201) },
    ];
    for (const request of requests) {
      await expect(service.create(request), JSON.stringify(request)).rejects.toBeInstanceOf(BadUserInputError);
    }
    expect(await service.list(org)).toEqual([]);
  });

  it("answers NOT_FOUND for revoking a key that does not exist", async () => {
    const service = await apiKeyService();
    await expect(service.revoke(generateApiKey().id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
