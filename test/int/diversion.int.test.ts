import { OPERATOR } from "../../src/access/principal.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../src/access/principal.js";
import { gqlAs, principalOf } from "../support/gql-as.js";
import { dataOf, gqlData } from "../support/test-api.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";
import { PlanBuilder } from "../support/plan-builder.js";
import { OrgRole } from "../../src/registry/org-role.js";

const ALERTS = `query($filter: DiversionFilter, $first: Int, $after: String) {
  diversionAlerts(filter: $filter, first: $first, after: $after) {
    edges { cursor node { rule objectKey scanRegion scannedAt evidence authorizedRegions responsibleOrganization { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface AlertNode {
  rule: string;
  objectKey: string;
  scanRegion: string;
  evidence: string[];
  authorizedRegions: string[];
  responsibleOrganization: { id: string; name: string } | null;
}
interface AlertsData {
  diversionAlerts: {
    edges: { cursor: string; node: AlertNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

describe("diversion (防窜) judged when a scan arrives", () => {
  const suffix = uniqueSuffix();
  const distributor = `https://example.com/org/gd-${suffix}`;
  const b = new PlanBuilder(suffix);
  const item = b.item();
  const innerItem = b.item();
  const caseKey = b.container();
  const neverShipped = b.item();
  let outcome: Awaited<ReturnType<Awaited<ReturnType<typeof testServices>>["flowWriter"]["write"]>>;
  const scans: Record<string, string> = {};

  beforeAll(async () => {
    const services = await testServices();
    await services.organizationService.upsertOrganization(
      {
        id: distributor,
        name: "广州南粤机电贸易有限公司",
        roles: [OrgRole.DISTRIBUTOR],
        regionCode: "440101",
        authorizedRegions: ["440000"],
      },
      OPERATOR,
    );
    b.edge("CONTAINED_IN", innerItem, caseKey).ship(item, distributor, "2026-03-01T00:00:00Z");
    b.ship(caseKey, distributor, "2026-03-01T00:00:00Z");
    scans.inRegion = b.scan(item, "440305", "2026-03-05T00:00:00Z");
    scans.leaked = b.scan(item, "430102", "2026-03-06T00:00:00Z");
    scans.beforeShipment = b.scan(item, "440305", "2026-02-01T00:00:00Z");
    scans.viaCase = b.scan(innerItem, "450103", "2026-03-07T00:00:00Z");
    scans.never = b.scan(neverShipped, "440305", "2026-03-07T00:00:00Z");
    outcome = await services.flowWriter.write(b.plan);
  });

  it("judges each scan in the same write: in region passes, out of region and unshipped raise alerts", () => {
    const rule = Object.fromEntries(outcome.judgements.map((j) => [j.scanId, j.rule]));
    expect(rule[scans.inRegion!]).toBeNull();
    expect(rule[scans.leaked!]).toBe("REGION_MISMATCH");
    expect(rule[scans.beforeShipment!]).toBe("NOT_SHIPPED");
    expect(rule[scans.viaCase!]).toBe("REGION_MISMATCH");
    expect(rule[scans.never!]).toBe("NOT_SHIPPED");
  });

  it("lists alerts with evidence through containers to the responsible organisation and its regions", async () => {
    const data = await gqlData<AlertsData>(ALERTS, { filter: { objectKey: innerItem } });
    expect(data.diversionAlerts.edges).toHaveLength(1);
    const alert = data.diversionAlerts.edges[0]!.node;
    expect(alert).toMatchObject({ rule: "REGION_MISMATCH", scanRegion: "450103", authorizedRegions: ["440000"] });
    expect(alert.evidence).toEqual([innerItem, caseKey, distributor]);
    expect(alert.responsibleOrganization).toEqual({ id: distributor, name: "广州南粤机电贸易有限公司" });
  });

  it("is idempotent: writing the same scans again raises no second alert", async () => {
    const again = await (await testServices()).flowWriter.write(b.plan);
    expect(again.written).toEqual([]);
    const data = await gqlData<AlertsData>(ALERTS, { filter: { organizationId: distributor } });
    expect(data.diversionAlerts.edges).toHaveLength(2);
  });

  it("pages alerts newest first with keyset cursors", async () => {
    const first = await gqlData<AlertsData>(ALERTS, { filter: { organizationId: distributor }, first: 1 });
    expect(first.diversionAlerts.pageInfo.hasNextPage).toBe(true);
    const second = await gqlData<AlertsData>(ALERTS, {
      filter: { organizationId: distributor },
      first: 1,
      after: first.diversionAlerts.pageInfo.endCursor,
    });
    expect(first.diversionAlerts.edges[0]!.node.objectKey).toBe(innerItem);
    expect(second.diversionAlerts.edges[0]!.node.objectKey).toBe(item);
    expect(second.diversionAlerts.pageInfo.hasNextPage).toBe(false);
  });

  it("re-judges stored alerts when the organisation's authorised regions change", async () => {
    const services = await testServices();
    await services.organizationService.upsertOrganization(
      {
        id: distributor,
        name: "广州南粤机电贸易有限公司",
        roles: [OrgRole.DISTRIBUTOR],
        authorizedRegions: ["440000", "430000"],
      },
      OPERATOR,
    );
    const data = await gqlData<AlertsData>(ALERTS, { filter: { organizationId: distributor } });
    expect(data.diversionAlerts.edges.map((e) => e.node.scanRegion)).toEqual(["450103"]);
  });
});

describe("diversion alerts a party may list (API-CONTRACT §6)", () => {
  const suffix = uniqueSuffix();
  const distributor = `https://example.com/org/gd-${suffix}`;
  const stranger = `https://example.com/org/gx-${suffix}`;
  const b = new PlanBuilder(suffix);
  const items = [b.item(), b.item(), b.item()];

  beforeAll(async () => {
    const services = await testServices();
    for (const [id, name] of [
      [distributor, "广州南粤机电贸易有限公司"],
      [stranger, "南宁桂通商贸有限公司"],
    ] as const) {
      await services.organizationService.upsertOrganization(
        { id, name, roles: [OrgRole.DISTRIBUTOR], regionCode: "440101", authorizedRegions: ["440000"] },
        OPERATOR,
      );
    }
    items.forEach((item, i) => {
      b.ship(item, distributor, "2026-03-01T00:00:00Z");
      b.scan(item, "430102", `2026-03-0${i + 2}T00:00:00Z`);
    });
    await (await testServices()).flowWriter.write(b.plan);
  });

  const page = async (as: Principal, after?: string) =>
    dataOf(await gqlAs<AlertsData>(as, ALERTS, { first: 1, ...(after ? { after } : {}) })).diversionAlerts;

  it("the responsible organisation pages its own alerts newest first, one sighting at a time", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { edges, pageInfo } = await page(principalOf("PARTNER", distributor), after);
      seen.push(...edges.map((e) => e.node.objectKey));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual([...items].reverse());
  });

  it("a party responsible for none of them, that made none of the goods, lists none", async () => {
    const { edges, pageInfo } = await page(principalOf("PARTNER", stranger));
    expect(edges).toEqual([]);
    expect(pageInfo.hasNextPage).toBe(false);
  });
});
