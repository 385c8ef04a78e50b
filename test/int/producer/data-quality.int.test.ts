import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CORRECT,
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  UPDATE_INFO,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type ProductData,
} from "./producer-fixtures.js";

const BATCH_REPORT = `query($id: ID!) {
  batchDataQuality(batchId: $id) {
    batchId basicCompleteness missingBasic extendedCompleteness missingExtended recordDelayDays codeIssueDelayDays
    revisions changesAfterIssuance correctionsAfterRelease
  }
}`;
const MANUFACTURER_REPORT = `query($id: String!) {
  manufacturerDataQuality(manufacturerId: $id) {
    manufacturerId products batches averageBasicCompleteness averageExtendedCompleteness batchesWithoutCodes
    changesAfterIssuance correctionsAfterRelease maxRecordDelayDays averageCodeIssueDelayDays
    batchReports { batchId }
    monthly { month batches batchesWithoutCodes correctionsAfterRelease averageBasicCompleteness }
  }
}`;
const AUDIT = `query($m: String, $corrections: Boolean, $first: Int, $after: String) {
  auditLog(manufacturerId: $m, correctionsOnly: $corrections, first: $first, after: $after) {
    edges { cursor node { batchId reason correction auditRequired afterCodeIssuance changes } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface AuditPage {
  auditLog: {
    edges: { node: { batchId: string; reason: string; correction: boolean } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe("data quality (监督与改进) and the audit log", () => {
  const suffix = uniqueSuffix();
  let maker: string;
  let coded: BatchData;
  let draft: BatchData;

  beforeAll(async () => {
    maker = (await registerChain(suffix)).maker;
    const product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(maker, "PER_ITEM", { brand: null, id: `dq-${suffix}` }),
      })
    ).registerProduct;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    coded = (
      await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, {
        input: cableBatch(product.id, "Q1", {
          productionDate: today,
          extended: { warranty: "2 年", testReports: ["R1"] },
        }),
      })
    ).createBatch;
    draft = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(product.id, "Q2") }))
      .createBatch;
    await gqlData(UPDATE_INFO, { batchId: coded.id, extended: { salesChannel: "经销" }, reason: "赋码前补录" });
    await gqlData(ISSUE_CODES, { input: { batchId: coded.id, count: 2 } });
    await gqlData(UPDATE_INFO, { batchId: coded.id, extended: { distributor: "南粤机电" }, reason: "赋码后补录" });
    await gqlData(RELEASE, { batchId: coded.id });
    await gqlData(CORRECT, { batchId: coded.id, extended: { warranty: "3 年" }, reason: "保修期更正" });
  });

  it("reports a batch's completeness, timeliness and corrections as figures", async () => {
    const { batchDataQuality: report } = await gqlData<{ batchDataQuality: Record<string, unknown> }>(BATCH_REPORT, {
      id: coded.id,
    });
    // 13 basic fields for a cable (licence and CCC included); the brand is missing.
    expect(report).toMatchObject({
      batchId: coded.id,
      basicCompleteness: 0.923,
      missingBasic: ["product.brand"],
      extendedCompleteness: 0.5,
      missingExtended: ["keyComponents", "processParameters", "certificates", "salesRegions"],
      revisions: 3,
      changesAfterIssuance: 2,
      correctionsAfterRelease: 1,
    });
    expect(report.recordDelayDays).toBeGreaterThanOrEqual(0);
    expect(report.recordDelayDays).toBeLessThan(1);
    expect(report.codeIssueDelayDays).toBeGreaterThanOrEqual(report.recordDelayDays as number);
  });

  it("summarises a manufacturer's batches", async () => {
    const { manufacturerDataQuality: report } = await gqlData<{ manufacturerDataQuality: Record<string, unknown> }>(
      MANUFACTURER_REPORT,
      { id: maker },
    );
    expect(report).toMatchObject({
      manufacturerId: maker,
      products: 1,
      batches: 2,
      batchesWithoutCodes: 1,
      changesAfterIssuance: 2,
      correctionsAfterRelease: 1,
      batchReports: [{ batchId: coded.id }, { batchId: draft.id }],
    });
    expect(report.maxRecordDelayDays).toBeGreaterThan(100);
  });

  it("gives the same figures per production month, oldest first, so a maker sees improvement", async () => {
    const { manufacturerDataQuality: report } = await gqlData<{
      manufacturerDataQuality: { monthly: { month: string; batches: number }[] };
    }>(MANUFACTURER_REPORT, { id: maker });
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    // The draft was produced on 2026-01-15 (cableBatch), the coded batch today.
    expect(report.monthly).toEqual([
      {
        month: "2026-01",
        batches: 1,
        batchesWithoutCodes: 1,
        correctionsAfterRelease: 0,
        averageBasicCompleteness: 0.923,
      },
      {
        month: thisMonth,
        batches: 1,
        batchesWithoutCodes: 0,
        correctionsAfterRelease: 1,
        averageBasicCompleteness: 0.923,
      },
    ]);
  });

  it("pages the audit log by keyset and filters corrections", async () => {
    const first = await gqlData<AuditPage>(AUDIT, { m: maker, first: 2 });
    expect(first.auditLog.edges.map((e) => e.node.reason)).toEqual(["保修期更正", "赋码后补录"]);
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    const rest = await gqlData<AuditPage>(AUDIT, { m: maker, first: 2, after: first.auditLog.pageInfo.endCursor });
    expect(rest.auditLog.edges.map((e) => e.node.reason)).toEqual(["赋码前补录"]);
    expect(rest.auditLog.pageInfo.hasNextPage).toBe(false);
    const corrections = await gqlData<AuditPage>(AUDIT, { m: maker, corrections: true });
    expect(corrections.auditLog.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ reason: "保修期更正", correction: true, batchId: coded.id }),
    ]);
  });
});
