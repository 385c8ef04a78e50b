import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { dataOf } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  SCAN,
  SHIP,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
} from "../producer/producer-fixtures.js";

/**
 * 市场调研 (issue 15 item 4): scanStatistics counts the scans written, grouped by product, batch, region and day,
 * consumer scans apart from channel scans; the CSV says the same; a party counts only the scans it may see.
 */

const STATISTICS = `query($groupBy: [ScanGrouping!]!, $batchId: ID, $from: DateTime) {
  scanStatistics(groupBy: $groupBy, batchId: $batchId, from: $from) {
    productId batchId regionCode regionName day consumerScans channelScans scans
  }
}`;

interface Statistic {
  productId: string | null;
  batchId: string | null;
  regionCode: string | null;
  regionName: string | null;
  day: string | null;
  consumerScans: number;
  channelScans: number;
  scans: number;
}

describe("scan statistics for market research", () => {
  const server = useTestApp();
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let batch: BatchData;
  let product: ProductData;
  const maker = () => principalOf("MANUFACTURER", orgs.maker);

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    product = dataOf(
      await gqlAs<{ registerProduct: ProductData }>(maker(), REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `stat-${suffix}` }),
      }),
    ).registerProduct;
    batch = dataOf(
      await gqlAs<{ createBatch: BatchData }>(maker(), CREATE_BATCH, { input: cableBatch(product.id, "S1") }),
    ).createBatch;
    const items = dataOf(
      await gqlAs<{ issueCodes: IssueData }>(maker(), ISSUE_CODES, {
        input: { batchId: batch.id, count: 3 },
        first: 3,
      }),
    ).issueCodes.codes.edges.map((e) => e.node.value);
    dataOf(await gqlAs(maker(), RELEASE, { batchId: batch.id }));
    dataOf(
      await gqlAs(maker(), SHIP, {
        input: {
          codes: items,
          fromOrganizationId: orgs.maker,
          toOrganizationId: orgs.gdDistributor,
          shippedAt: "2026-02-01T00:00:00Z",
        },
      }),
    );
    const scan = (code: string, regionCode: string, role: string, scannedAt: string) =>
      gqlAs(principalOf("PARTNER", orgs.szRetailer), SCAN, { input: { code, regionCode, role, scannedAt } });
    // Guangzhou, 3 Feb (China time): two consumer scans and one retailer scan; Changsha, 4 Feb: one consumer scan.
    dataOf(await scan(items[0]!, "440105", "CONSUMER", "2026-02-03T02:00:00Z"));
    dataOf(await scan(items[1]!, "440106", "CONSUMER", "2026-02-03T05:00:00Z"));
    dataOf(await scan(items[1]!, "440105", "RETAILER", "2026-02-03T06:00:00Z"));
    // 23:30 UTC on 3 Feb is 4 Feb in China.
    dataOf(await scan(items[2]!, "430102", "CONSUMER", "2026-02-03T23:30:00Z"));
  });

  const statistics = async (as: ReturnType<typeof maker>, groupBy: string[]) =>
    dataOf(
      await gqlAs<{ scanStatistics: Statistic[] }>(as, STATISTICS, {
        groupBy,
        batchId: batch.id,
        from: "2026-01-01T00:00:00Z",
      }),
    ).scanStatistics;

  it("groups by batch, province and China day, consumer scans apart from channel scans", async () => {
    const rows = await statistics(maker(), ["BATCH", "PROVINCE", "DAY"]);
    expect(rows).toEqual([
      {
        productId: null,
        batchId: batch.id,
        regionCode: "440000",
        regionName: "广东省",
        day: "2026-02-03",
        consumerScans: 2,
        channelScans: 1,
        scans: 3,
      },
      {
        productId: null,
        batchId: batch.id,
        regionCode: "430000",
        regionName: "湖南省",
        day: "2026-02-04",
        consumerScans: 1,
        channelScans: 0,
        scans: 1,
      },
    ]);
  });

  it("groups by product and city", async () => {
    const rows = await statistics(maker(), ["PRODUCT", "CITY"]);
    const byCity = new Map(rows.map((r) => [r.regionCode, r.scans]));
    expect(rows.every((r) => r.productId === product.id)).toBe(true);
    expect(Object.fromEntries(byCity)).toEqual({ "440100": 3, "430100": 1 });
  });

  it("counts only what a party may see: a distributor that never held the goods counts nothing", async () => {
    expect(await statistics(principalOf("PARTNER", orgs.hnDistributor), ["BATCH"])).toEqual([]);
  });

  it("exports the same figures as CSV", async () => {
    const res = await authFetch(
      `${server.base}/statistics/scans.csv?groupBy=BATCH,PROVINCE,DAY&batchId=${encodeURIComponent(batch.id)}&from=2026-01-01T00:00:00Z`,
    );
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("productId,batchId,regionCode,regionName,day,consumerScans,channelScans,scans");
    expect(lines.slice(1)).toEqual([
      `,${batch.id},440000,广东省,2026-02-03,2,1,3`,
      `,${batch.id},430000,湖南省,2026-02-04,1,0,1`,
    ]);
    const bad = await authFetch(`${server.base}/statistics/scans.csv?groupBy=WEEK`);
    expect(bad.status).toBe(400);
  });
});
