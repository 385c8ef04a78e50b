import { beforeAll, describe, expect, it } from "vitest";
import { generateTraceCode, issuerPrefix, parseIdentifier } from "../../../src/codes/index.js";
import { query } from "../../../src/graph/query.js";
import { firstErrorCode, gql, gqlData } from "../../support/test-api.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import { PlanBuilder } from "../../support/plan-builder.js";
import { SHIP, registerChain, type ChainOrgs } from "./producer-fixtures.js";

/** recordScan's own rules: what it writes (and does not) for unknown objects, and what its alerts carry. */
const SCAN = `mutation($input: ScanInput!) {
  recordScan(input: $input) {
    eventId objectKey duplicate warnings
    alerts { rule evidence responsibleOrganization { id name authorizedRegions } }
  }
}`;

interface ScanAnswer {
  recordScan: {
    eventId: string;
    objectKey: string;
    duplicate: boolean;
    warnings: string[];
    alerts: {
      rule: string;
      evidence: string[];
      responsibleOrganization: { id: string; name: string | null; authorizedRegions: string[] } | null;
    }[];
  };
}

async function countOf(statement: string, params: Record<string, unknown>): Promise<number> {
  const services = await testServices();
  const rows = await services.executor.read(query("test.recordScan.count", statement, params));
  return Number(rows[0]?.n ?? -1);
}

/**
 * What the judgement of scan `scanId` wrote, ids and times compared only with each other: the scan's judgement, its
 * alert (every property name), the alert's history and who may list it.
 */
const WRITTEN = `
MATCH (s:Scan {id: $scanId})<-[:RAISED_BY]-(a:Alert)
RETURN s.rule AS rule, s.responsibleOrgId AS responsible, s.authorizedRegions AS regions,
       a.id = s.id AND a.eventId = s.eventId AND a.scannedAt = s.at AS alertOfScan, keys(a) AS alertKeys,
       a {.rule, .objectKey, .scanRegion, .responsibleOrgId, .authorizedRegions, .evidence, .shipmentEventId, .state,
          .resolvedByJudgement} AS alert,
       [(a)-[:HAS_TRANSITION]->(t:AlertTransition) |
        t {.state, .note, .actor, .actorOrganizationId, ofAlert: t.alertId = a.id, keys: keys(t)}] AS history,
       [(o:Organization)-[v:SEES_ALERT]->(a) |
        {org: o.id, party: v.party, atScan: v.at = a.scannedAt, ofAlert: v.id = a.id, keys: keys(v)}] AS sightings`;

async function writtenBy(scanId: string): Promise<string> {
  const services = await testServices();
  const rows = await services.executor.read(query("test.recordScan.written", WRITTEN, { scanId }));
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, v]) => [k, sortKeys(v)]),
          )
        : value;
  return JSON.stringify(sortKeys(rows), null, 1);
}

describe("recordScan on real Neo4j", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;

  beforeAll(async () => {
    orgs = await registerChain(suffix);
  });

  it("refuses a trace code that was never issued with NOT_FOUND and writes nothing", async () => {
    const code = generateTraceCode("ITEM", issuerPrefix(orgs.maker));
    const scanId = `never-${suffix}`;
    const result = await gql(SCAN, {
      input: { code, regionCode: "440305", role: "CONSUMER", scannedAt: "2026-05-01T00:00:00Z", scanId },
    });
    expect(firstErrorCode(result)).toBe("NOT_FOUND");
    const key = parseIdentifier(code).key;
    expect(await countOf("MATCH (o:Obj {key: $key}) RETURN count(o) AS n", { key })).toBe(0);
    const eventId = `native:scan:${scanId}`;
    expect(await countOf("MATCH (e:Event {eventId: $eventId}) RETURN count(e) AS n", { eventId })).toBe(0);
    expect(await countOf("MATCH (s:Scan {eventId: $eventId}) RETURN count(s) AS n", { eventId })).toBe(0);
  });

  it("lets a GS1 item seen for the first time join the graph, judged NOT_SHIPPED with itself as evidence", async () => {
    const code = `urn:epc:id:sgtin:6901234.012345.NEW-${suffix}`;
    const key = parseIdentifier(code).key;
    const answer = await gqlData<ScanAnswer>(SCAN, {
      input: { code, regionCode: "440305", role: "INSPECTOR", scannedAt: "2026-05-01T00:00:00Z" },
    });
    expect(answer.recordScan).toMatchObject({ objectKey: key, duplicate: false });
    expect(answer.recordScan.alerts).toEqual([{ rule: "NOT_SHIPPED", evidence: [key], responsibleOrganization: null }]);
    expect(await countOf("MATCH (o:Obj {key: $key, kind: 'ITEM'}) RETURN count(o) AS n", { key })).toBe(1);
    expect(
      await countOf("MATCH (:Scan {eventId: $eventId})-[:OF]->(:Obj {key: $key}) RETURN count(*) AS n", {
        eventId: answer.recordScan.eventId,
        key,
      }),
    ).toBe(1);
  });

  /** The maker ships `code` to the Guangdong distributor on 1 April. */
  const shipToDistributor = (code: string) =>
    gqlData(SHIP, {
      input: {
        codes: [code],
        fromOrganizationId: orgs.maker,
        toOrganizationId: orgs.gdDistributor,
        shippedAt: "2026-04-01T00:00:00Z",
      },
    });

  it("returns the responsible organisation as registered with a REGION_MISMATCH alert, and again for a repeat", async () => {
    const code = `urn:epc:id:sgtin:6901234.012345.LEAK-${suffix}`;
    await shipToDistributor(code);
    const input = {
      code,
      regionCode: "430102",
      role: "CONSUMER",
      scannedAt: "2026-05-01T00:00:00Z",
      scanId: `leak-${suffix}`,
    };
    const first = await gqlData<ScanAnswer>(SCAN, { input });
    expect(first.recordScan.alerts).toEqual([
      {
        rule: "REGION_MISMATCH",
        evidence: [parseIdentifier(code).key, orgs.gdDistributor],
        responsibleOrganization: { id: orgs.gdDistributor, name: `南粤机电 ${suffix}`, authorizedRegions: ["440000"] },
      },
    ]);
    const again = await gqlData<ScanAnswer>(SCAN, { input });
    expect(again.recordScan.duplicate).toBe(true);
    expect(again.recordScan.alerts).toEqual(first.recordScan.alerts);
    const eventId = `native:scan:leak-${suffix}`;
    expect(await countOf("MATCH (s:Scan {eventId: $eventId}) RETURN count(s) AS n", { eventId })).toBe(1);
  });

  it("records a scan sent twice at once exactly once", async () => {
    const code = `urn:epc:id:sgtin:6901234.012345.TWICE-${suffix}`;
    const input = {
      code,
      regionCode: "440305",
      role: "CONSUMER",
      scannedAt: "2026-05-02T00:00:00Z",
      scanId: `twice-${suffix}`,
    };
    const answers = await Promise.all([gqlData<ScanAnswer>(SCAN, { input }), gqlData<ScanAnswer>(SCAN, { input })]);
    expect(answers.map((a) => a.recordScan.duplicate).sort()).toEqual([false, true]);
    const eventId = `native:scan:twice-${suffix}`;
    expect(await countOf("MATCH (s:Scan {eventId: $eventId}) RETURN count(s) AS n", { eventId })).toBe(1);
    expect(await countOf("MATCH (:Scan {eventId: $eventId})-[r:OF]->() RETURN count(r) AS n", { eventId })).toBe(1);
  });

  it("raises the alert a captured scan of the same object raises: same properties, history and sightings", async () => {
    const code = `urn:epc:id:sgtin:6901234.012345.SAME-${suffix}`;
    const key = parseIdentifier(code).key;
    await shipToDistributor(code);
    const scannedAt = "2026-05-03T00:00:00Z";
    const input = { code, regionCode: "430102", role: "CONSUMER", scannedAt, scanId: `same-${suffix}` };
    const scanned = await gqlData<ScanAnswer>(SCAN, { input });
    expect(scanned.recordScan.alerts.map((a) => a.rule)).toEqual(["REGION_MISMATCH"]);
    const b = new PlanBuilder(`same-${suffix}`);
    const capturedScanId = b.scan(key, "430102", scannedAt);
    await (await testServices()).flowWriter.write(b.plan);

    const ours = await writtenBy(`native:scan:same-${suffix}|${key}`);
    expect(JSON.parse(ours)).toMatchObject([
      { rule: "REGION_MISMATCH", responsible: orgs.gdDistributor, alertOfScan: true, alert: { state: "OPEN" } },
    ]);
    expect(ours).toContain("raised by the scan");
    expect(ours).toEqual(await writtenBy(capturedScanId));
  });
});
