import { OPERATOR } from "../../../src/access/principal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeyId } from "../../../src/access/api-key-format.js";
import { AccessRole } from "../../../src/access/access-role.js";
import { DEMO_KEYS, demoKeyLines, ensureDemoKeys, usableDemoKeys } from "../../../seeds/demo-keys.js";
import { DEMO_IDS, DEMO_ORGANIZATIONS } from "../../../seeds/demo-organizations.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";

/** The demo's published keys (seeds/demo-keys.ts): one per role, stored idempotently, each working as its party. */
describe("demo keys", () => {
  const server = useTestApp();

  beforeAll(async () => {
    for (const org of DEMO_ORGANIZATIONS) await server.services.organizationService.upsertOrganization(org, OPERATOR);
    await ensureDemoKeys(server.services);
  });

  it("are well-formed, distinct, and cover every role: ADMIN, each maker, a distributor, a retailer, a regulator", () => {
    for (const demo of DEMO_KEYS) expect(apiKeyId(demo.key), demo.key).not.toBeNull();
    expect(new Set(DEMO_KEYS.map((demo) => apiKeyId(demo.key))).size).toBe(DEMO_KEYS.length);
    expect(new Set(DEMO_KEYS.map((demo) => demo.role))).toEqual(new Set(Object.values(AccessRole)));
    const holders = (role: AccessRole) => DEMO_KEYS.filter((d) => d.role === role).map((d) => d.organizationId);
    expect(holders(AccessRole.MANUFACTURER).sort()).toEqual([DEMO_IDS.cableMaker, DEMO_IDS.gasMaker].sort());
    expect(holders(AccessRole.PARTNER).sort()).toEqual([DEMO_IDS.gdDistributor, DEMO_IDS.szRetailer].sort());
    expect(holders(AccessRole.REGULATOR)).toEqual([DEMO_IDS.regulator]);
    for (const demo of DEMO_KEYS) expect(demo.key).toContain("DEMO-ONLY");
  });

  it("are stored once: loading them again changes nothing", async () => {
    const before = await server.services.apiKeys.list(DEMO_IDS.cableMaker);
    await ensureDemoKeys(server.services);
    expect(await server.services.apiKeys.list(DEMO_IDS.cableMaker)).toEqual(before);
  });

  it("each authenticate over HTTP, as their organisation and role, and are listed for the start banner", async () => {
    for (const demo of DEMO_KEYS) {
      const stored = await server.services.apiKeys.usable(demo.key);
      expect(stored, demo.name).toMatchObject({ organizationId: demo.organizationId, role: demo.role });
      const response = await authFetch(`${server.base}/graphql`, {
        as: demo.key,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(response.status, demo.name).toBe(200);
    }
    const usable = await usableDemoKeys(server.services);
    expect(usable.map((demo) => demo.key)).toEqual(DEMO_KEYS.map((demo) => demo.key));
    const lines = demoKeyLines(usable);
    expect(lines).toHaveLength(DEMO_KEYS.length);
    expect(lines[0]).toMatch(/ADMIN\s+tgk_de0+1_DEMO-ONLY\S+\s+.+uscc:/);
  });
});
