import { beforeAll, describe, expect, it } from "vitest";
import { firstErrorCode, gql, gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CORRECT,
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  SCAN,
  SHIP,
  TRACE,
  UPDATE_INFO,
  cableBatch,
  cableProduct,
  randomGtin13,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
  type ScanData,
  type TraceData,
} from "./producer-fixtures.js";

describe("一物一码 (PER_ITEM): the whole producer's flow on real Neo4j", () => {
  const suffix = uniqueSuffix();
  const supplierLot = `urn:epc:class:lgtin:6901234.0${suffix.slice(0, 5).replace(/[a-f]/g, "1")}.CU-${suffix}`;
  let orgs: ChainOrgs;
  let product: ProductData;
  let batch: BatchData;
  let codes: string[];
  let supplierLotKey: string;

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    const gtin = randomGtin13();
    product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { gtin, id: `cable-${suffix}` }),
      })
    ).registerProduct;
    batch = (
      await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, {
        input: cableBatch(product.id, `L${suffix}`, { components: [supplierLot], extended: { warranty: "2 年" } }),
      })
    ).createBatch;
    supplierLotKey = batch.components[0]!;
  });

  it("registers the product under its GS1 key and records the batch as a DRAFT GS1 lot", () => {
    expect(product.key).toMatch(/^https:\/\/id\.gs1\.org\/01\/0690\d{10}$/);
    expect(batch).toMatchObject({ id: `${product.id}:L${suffix}`, status: "DRAFT", codeCount: 0 });
    expect(batch.key).toBe(`${product.key}/10/L${suffix}`);
    expect(supplierLotKey).toMatch(/^https:\/\/id\.gs1\.org\/01\/\d{14}\/10\/CU-/);
  });

  it("issues item codes before extended info is complete, and pages them by keyset", async () => {
    const issue = (
      await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, { input: { batchId: batch.id, count: 5 }, first: 3 })
    ).issueCodes;
    expect(issue.issued).toBe(5);
    expect(issue.job).toBeNull();
    expect(issue.codes.edges).toHaveLength(3);
    expect(issue.codes.pageInfo.hasNextPage).toBe(true);
    const first = issue.codes.edges[0]!.node;
    expect(first).toMatchObject({ mode: "PER_ITEM", status: "GENERATED", codeType: "ITEM", batchId: batch.id });
    expect(first.url).toMatch(/\/t\/[0-9A-Z]{4}-W[0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const rest = await gqlData<{ codeIssue: IssueData; batch: { status: string; codeCount: number } }>(
      `query($issueId: String!, $after: String) {
        codeIssue(issueId: $issueId) { issued codes(first: 10, after: $after) { edges { node { value } } pageInfo { hasNextPage } } }
        batch(id: "${batch.id}") { status codeCount }
      }`,
      { issueId: issue.issueId, after: issue.codes.pageInfo.endCursor },
    );
    expect(rest.batch).toEqual({ status: "CODED", codeCount: 5 });
    expect(rest.codeIssue.issued).toBe(5);
    expect(rest.codeIssue.codes.pageInfo.hasNextPage).toBe(false);
    const values = [...issue.codes.edges, ...rest.codeIssue.codes.edges].map((e) => e.node.value);
    expect(new Set(values).size).toBe(5);
    expect([...values].sort()).toEqual(values);
    codes = values;
  });

  it("renders the QR symbol of a code's URL", async () => {
    const data = await gqlData<{ traceCode: { qrSvg: string; status: string } }>(
      `query($code: String!) { traceCode(code: $code) { qrSvg status } }`,
      { code: codes[0]!.toLowerCase().replace(/-/g, "") },
    );
    expect(data.traceCode.qrSvg).toMatch(/^<svg/);
    expect(data.traceCode.status).toBe("GENERATED");
  });

  it("revises extended info until release, one Revision per change with before and after", async () => {
    await gqlData(UPDATE_INFO, {
      batchId: batch.id,
      extended: { testReports: ["CNAS-2026-0042"], warranty: "3 年" },
      reason: "出厂检验报告到达",
      note: "质检部 王工",
    });
    const second = await gqlData<{ updateBatchInfo: BatchData }>(UPDATE_INFO, {
      batchId: batch.id,
      extended: { salesRegions: ["440000"], warranty: "3 年" },
      reason: "销售区域确定",
    });
    const revisions = second.updateBatchInfo.revisions;
    expect(revisions).toHaveLength(2);
    expect(revisions[0]).toMatchObject({
      reason: "出厂检验报告到达",
      // The authenticated credential is the actor; the operator's name stays as a note beside it.
      actor: expect.stringMatching(/\S/),
      note: "质检部 王工",
      correction: false,
      afterCodeIssuance: true,
      changes: {
        testReports: { before: null, after: ["CNAS-2026-0042"] },
        warranty: { before: "2 年", after: "3 年" },
      },
    });
    // warranty was already "3 年": only the real change is recorded.
    expect(Object.keys(revisions[1]!.changes)).toEqual(["salesRegions"]);
    expect(second.updateBatchInfo.extended).toEqual({
      warranty: "3 年",
      testReports: ["CNAS-2026-0042"],
      salesRegions: ["440000"],
    });
  });

  it("releases the batch: codes become ACTIVE, info is frozen (FORBIDDEN), corrections are audited", async () => {
    const released = (await gqlData<{ releaseBatch: BatchData }>(RELEASE, { batchId: batch.id })).releaseBatch;
    expect(released.status).toBe("RELEASED");
    const code = await gqlData<{ traceCode: { status: string } }>(
      `query($c: String!) { traceCode(code: $c) { status } }`,
      {
        c: codes[1],
      },
    );
    expect(code.traceCode.status).toBe("ACTIVE");
    const update = await gql(UPDATE_INFO, { batchId: batch.id, extended: { warranty: "5 年" }, reason: "改" });
    expect(firstErrorCode(update)).toBe("FORBIDDEN");
    const more = await gql(ISSUE_CODES, { input: { batchId: batch.id, count: 1 } });
    expect(firstErrorCode(more)).toBe("FORBIDDEN");
    const corrected = (
      await gqlData<{ correctReleasedBatch: BatchData }>(CORRECT, {
        batchId: batch.id,
        extended: { warranty: "5 年" },
        reason: "保修条款印刷错误",
      })
    ).correctReleasedBatch;
    expect(corrected.revisions.at(-1)).toMatchObject({ correction: true, auditRequired: true });
    expect(corrected.extended.warranty).toBe("5 年");
  });

  it("lists revisions and corrections in the audit log, newest first", async () => {
    const data = await gqlData<{ auditLog: { edges: { node: RevisionData }[] } }>(
      `query($b: ID) { auditLog(batchId: $b, first: 10) { edges { node { reason correction } } } }`,
      { b: batch.id },
    );
    expect(data.auditLog.edges.map((e) => e.node.reason)).toEqual([
      "保修条款印刷错误",
      "销售区域确定",
      "出厂检验报告到达",
    ]);
  });

  it("ships to a distributor and judges scans: in region passes, Changsha raises REGION_MISMATCH", async () => {
    await gqlData(SHIP, {
      input: {
        codes: [supplierLot],
        fromOrganizationId: orgs.supplier,
        toOrganizationId: orgs.maker,
        shippedAt: "2026-01-10T00:00:00Z",
      },
    });
    const shipment = await gqlData<{ recordShipment: { codes: string[]; duplicate: boolean } }>(SHIP, {
      input: {
        codes: codes.slice(0, 2),
        fromOrganizationId: orgs.maker,
        toOrganizationId: orgs.gdDistributor,
        shippedAt: "2026-02-01T00:00:00Z",
        shipmentId: `shp-${suffix}`,
      },
    });
    expect(shipment.recordShipment).toMatchObject({ codes: codes.slice(0, 2), duplicate: false });
    const inRegion = await scan(codes[0]!, "440305", "RETAILER");
    expect(inRegion.alerts).toEqual([]);
    const leaked = await scan(codes[0]!, "430102", "CONSUMER");
    expect(leaked.alerts).toHaveLength(1);
    expect(leaked.alerts[0]).toMatchObject({
      rule: "REGION_MISMATCH",
      scanRegion: "430102",
      authorizedRegions: ["440000"],
      responsibleOrganization: { id: orgs.gdDistributor },
      evidence: [codes[0], orgs.gdDistributor],
    });
    const unshipped = await scan(codes[2]!, "440305", "INSPECTOR");
    expect(unshipped.alerts.map((a) => a.rule)).toEqual(["NOT_SHIPPED"]);
  });

  it("trace upstream reaches the supplier and downstream the distributor", async () => {
    const data = await gqlData<TraceData>(TRACE, { code: codes[0] });
    const upKeys = data.up.nodes.map((n) => n.key);
    expect(upKeys).toEqual(expect.arrayContaining([codes[0], batch.key, supplierLotKey, orgs.supplier, orgs.maker]));
    expect(data.up.edges).toEqual(
      expect.arrayContaining([
        { from: batch.key, to: codes[0], kind: "IN_LOT" },
        { from: supplierLotKey, to: batch.key, kind: "TRANSFORMED_INTO" },
      ]),
    );
    expect(data.down.nodes.map((n) => n.key)).toContain(orgs.gdDistributor);
    const fromLot = await gqlData<TraceData>(TRACE, { code: supplierLot });
    expect(fromLot.down.nodes.map((n) => n.key)).toEqual(
      expect.arrayContaining([batch.key, ...codes, orgs.gdDistributor]),
    );
  });

  async function scan(code: string, regionCode: string, role: string): Promise<ScanData> {
    const input = { code, regionCode, role, scannedAt: "2026-03-01T08:00:00Z" };
    return (await gqlData<{ recordScan: ScanData }>(SCAN, { input })).recordScan;
  }
});

interface RevisionData {
  reason: string;
  correction: boolean;
}
