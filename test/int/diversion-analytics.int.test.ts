import { OPERATOR } from "../../src/access/principal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../support/test-api.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";
import { PlanBuilder } from "../support/plan-builder.js";
import { OrgRole } from "../../src/registry/org-role.js";

/**
 * A window no other test writes into: a random day of 2090-2189. The development database keeps every run's data, so
 * the range must be wide enough that a run never lands on the day of an earlier one (300 days was not).
 */
const day = Math.floor(Math.random() * 36_500);
const start = new Date(Date.UTC(2090, 0, 1 + day));
const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000).toISOString();
const windowArgs = { from: at(0), to: at(24) };

const MATRIX = `query($from: DateTime, $to: DateTime) {
  diversionFlowMatrix(from: $from, to: $to) { totalScans totalAlerts cells { authorizedRegions scanRegion scans alerts } }
  distributorLeakRanking(from: $from, to: $to) { organization { id } scans alerts leakRate }
}`;

interface MatrixData {
  diversionFlowMatrix: {
    totalScans: number;
    totalAlerts: number;
    cells: { authorizedRegions: string[]; scanRegion: string; scans: number; alerts: number }[];
  };
  distributorLeakRanking: { organization: { id: string }; scans: number; alerts: number; leakRate: number }[];
}

describe("diversion analytics and authorised transfers", () => {
  const suffix = uniqueSuffix();
  const gd = `https://example.com/org/gd-${suffix}`;
  const hn = `https://example.com/org/hn-${suffix}`;
  const b = new PlanBuilder(suffix);
  const gdItems = [b.item(), b.item(), b.item()];
  const hnItem = b.item();
  const unshipped = b.item();

  beforeAll(async () => {
    const services = await testServices();
    const org = (id: string, region: string) =>
      services.organizationService.upsertOrganization(
        {
          id,
          name: id,
          roles: [OrgRole.DISTRIBUTOR],
          regionCode: region,
          authorizedRegions: [region],
        },
        OPERATOR,
      );
    await org(gd, "440000");
    await org(hn, "430000");
    for (const item of gdItems) b.ship(item, gd, at(1));
    b.ship(hnItem, hn, at(1));
    b.scan(gdItems[0]!, "440305", at(2)); // in region
    b.scan(gdItems[1]!, "430102", at(2)); // leaked into Hunan
    b.scan(gdItems[2]!, "430102", at(3)); // leaked into Hunan
    b.scan(hnItem, "430102", at(2)); // in region
    b.scan(unshipped, "440305", at(2)); // never shipped
    await services.flowWriter.write(b.plan);
  });

  it("builds a flow matrix whose cells add up to the scan and alert counts of the window", async () => {
    const data = await gqlData<MatrixData>(MATRIX, windowArgs);
    const m = data.diversionFlowMatrix;
    expect(m.totalScans).toBe(5);
    expect(m.totalAlerts).toBe(3);
    expect(m.cells.reduce((n, c) => n + c.scans, 0)).toBe(m.totalScans);
    expect(m.cells.reduce((n, c) => n + c.alerts, 0)).toBe(m.totalAlerts);
    expect(m.cells).toContainEqual({ authorizedRegions: ["440000"], scanRegion: "430102", scans: 2, alerts: 2 });
    expect(m.cells).toContainEqual({ authorizedRegions: [], scanRegion: "440305", scans: 1, alerts: 1 });
  });

  it("ranks distributors by leak rate, adding up to their scans and mismatch alerts", async () => {
    const data = await gqlData<MatrixData>(MATRIX, windowArgs);
    const ranking = data.distributorLeakRanking;
    expect(ranking.map((r) => r.organization.id)).toEqual([gd, hn]);
    expect(ranking[0]).toMatchObject({ scans: 3, alerts: 2 });
    expect(ranking[0]!.leakRate).toBeCloseTo(2 / 3);
    expect(ranking[1]).toMatchObject({ scans: 1, alerts: 0, leakRate: 0 });
  });

  it("suppresses the alerts when a transfer from the Guangdong to the Hunan distributor is authorised", async () => {
    await gqlData(
      `mutation($a: String!, $b: String!) { authorizeTransfer(fromOrganizationId: $a, toOrganizationId: $b) }`,
      {
        a: gd,
        b: hn,
      },
    );
    const data = await gqlData<MatrixData>(MATRIX, windowArgs);
    expect(data.diversionFlowMatrix.totalAlerts).toBe(1);
    await gqlData(
      `mutation($a: String!, $b: String!) { authorizeTransfer(fromOrganizationId: $a, toOrganizationId: $b, allowed: false) }`,
      { a: gd, b: hn },
    );
    const again = await gqlData<MatrixData>(MATRIX, windowArgs);
    expect(again.diversionFlowMatrix.totalAlerts).toBe(3);
  });
});
