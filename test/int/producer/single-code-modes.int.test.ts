import { beforeAll, describe, expect, it } from "vitest";
import { firstErrorCode, gql, gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { generateTraceCode, issuerPrefix } from "../../../src/codes/index.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  SCAN,
  SHIP,
  TRACE,
  randomGtin13,
  randomUscc,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
  type ScanData,
  type TraceData,
} from "./producer-fixtures.js";

function gasProduct(maker: string, traceMode: string, extra: Record<string, unknown> = {}) {
  return {
    manufacturerId: maker,
    name: "家用燃气灶",
    brand: "华焰",
    model: "JZT-2-H01",
    category: "家用燃气灶具",
    traceMode,
    standardNo: "GB 16410-2020",
    ...extra,
  };
}

function gasBatch(productId: string, batchNo: string, extra: Record<string, unknown> = {}) {
  return {
    productId,
    batchNo,
    productionDate: "2026-02-01",
    quantity: 300,
    unit: "台",
    inspectionResult: "合格",
    cccCertNo: "2021010502000001",
    ...extra,
  };
}

const issue = async (input: Record<string, unknown>) =>
  (await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, { input })).issueCodes;

describe("一批一码 (PER_BATCH) with a GTIN: the GS1 lot key is the batch's code", () => {
  const suffix = uniqueSuffix();
  const valveLot = `https://id.gs1.org/01/${randomGtin13().padStart(14, "0")}/10/V-${suffix}`;
  const server = useTestApp();
  let orgs: ChainOrgs;
  let product: ProductData;
  let batch: BatchData;

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: gasProduct(orgs.maker, "PER_BATCH", { gtin: randomGtin13() }),
      })
    ).registerProduct;
    batch = (
      await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, {
        input: gasBatch(product.id, `G${suffix}`, { components: [valveLot] }),
      })
    ).createBatch;
  });

  it("needs a batch: a product alone cannot be given a batch code", async () => {
    expect(firstErrorCode(await gql(ISSUE_CODES, { input: { productId: product.id } }))).toBe("BAD_USER_INPUT");
  });

  it("refuses a count: a batch code is one code, printed once per package", async () => {
    const result = await gql(ISSUE_CODES, { input: { batchId: batch.id, count: 99 } });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.count",
      rule: "count only for item codes",
    });
  });

  it("issues the lot key once, with a Digital Link on our host as its QR URL", async () => {
    const first = await issue({ batchId: batch.id });
    expect(first.issued).toBe(1);
    const code = first.codes.edges[0]!.node;
    expect(code).toMatchObject({ value: batch.key, codeType: "BATCH", mode: "PER_BATCH", status: "GENERATED" });
    expect(code.url).toMatch(new RegExp(`^http://localhost:\\d+/01/\\d{14}/10/G${suffix}$`));
    const resolved = await gqlData<{ resolveCode: { key: string; kind: string } }>(
      `query($c: String!) { resolveCode(code: $c) { key kind } }`,
      { c: code.url },
    );
    expect(resolved.resolveCode).toEqual({ key: batch.key, kind: "LOT" });
    const again = await issue({ batchId: batch.id });
    expect(again.issued).toBe(0);
    expect(again.codes.edges.map((e) => e.node.value)).toEqual([batch.key]);
  });

  it("lists the batch code among the batch's codes, and exports it once per package", async () => {
    const listed = await gqlData<{ batch: { codeCount: number; codes: { edges: { node: { value: string } }[] } } }>(
      `query($id: ID!) { batch(id: $id) { codeCount codes(first: 10) { edges { node { value } } } } }`,
      { id: batch.id },
    );
    expect(listed.batch.codeCount).toBe(1);
    expect(listed.batch.codes.edges.map((e) => e.node.value)).toEqual([batch.key]);
    const csv = await authFetch(`${server.base}/batches/${encodeURIComponent(batch.id)}/codes.csv?copies=3`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    // The header, then the one batch code three times over (one row per package label).
    expect(lines).toHaveLength(4);
    expect(new Set(lines.slice(1)).size).toBe(1);
    const refused = await authFetch(`${server.base}/batches/${encodeURIComponent(batch.id)}/codes.csv?copies=0`);
    expect(refused.status).toBe(400);
  });

  it("refuses to ship before release (出厂), then ships and judges scans by the distributor's regions", async () => {
    const ship = {
      codes: [batch.key],
      fromOrganizationId: orgs.maker,
      toOrganizationId: orgs.hnDistributor,
      shippedAt: "2026-02-10T00:00:00Z",
      shipmentId: `gas-${suffix}`,
    };
    expect(firstErrorCode(await gql(SHIP, { input: ship }))).toBe("FORBIDDEN");
    const released = (await gqlData<{ releaseBatch: BatchData }>(RELEASE, { batchId: batch.id })).releaseBatch;
    expect(released.status).toBe("RELEASED");
    const recorded = await gqlData<{ recordShipment: { duplicate: boolean; eventId: string } }>(SHIP, { input: ship });
    expect(recorded.recordShipment).toMatchObject({ duplicate: false, eventId: `native:shipment:gas-${suffix}` });
    const repeated = await gqlData<{ recordShipment: { duplicate: boolean } }>(SHIP, { input: ship });
    expect(repeated.recordShipment.duplicate).toBe(true);
    const inHunan = await scan(batch.key, "430102");
    expect(inHunan.alerts).toEqual([]);
    const inShenzhen = await scan(batch.key, "440305");
    expect(inShenzhen.alerts.map((a) => a.rule)).toEqual(["REGION_MISMATCH"]);
  });

  it("scanning with the same scan id again writes nothing new", async () => {
    const input = {
      code: batch.key,
      regionCode: "440305",
      role: "INSPECTOR",
      scannedAt: "2026-03-02T00:00:00Z",
      scanId: `s-${suffix}`,
    };
    const first = (await gqlData<{ recordScan: ScanData }>(SCAN, { input })).recordScan;
    const second = (await gqlData<{ recordScan: ScanData }>(SCAN, { input })).recordScan;
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.alerts).toEqual(first.alerts);
  });

  it("traces from the supplier's valve lot down to the distributor", async () => {
    const data = await gqlData<TraceData>(TRACE, { code: valveLot });
    expect(data.down.nodes.map((n) => n.key)).toEqual(expect.arrayContaining([batch.key, orgs.hnDistributor]));
    const up = await gqlData<TraceData>(TRACE, { code: batch.key });
    expect(up.up.nodes.map((n) => n.key)).toContain(valveLot);
  });

  async function scan(code: string, regionCode: string): Promise<ScanData> {
    const input = { code, regionCode, role: "RETAILER", scannedAt: "2026-03-01T00:00:00Z" };
    return (await gqlData<{ recordScan: ScanData }>(SCAN, { input })).recordScan;
  }
});

describe("一品一码 (PER_PRODUCT) without a GTIN: the product's trace code is its one code", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let product: ProductData;

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: gasProduct(orgs.maker, "PER_PRODUCT"),
      })
    ).registerProduct;
  });

  it("uses the product's code as its id and key, and issues it by product", async () => {
    expect(product.id).toBe(product.key);
    const issued = await issue({ productId: product.id });
    expect(issued.issued).toBe(1);
    expect(issued.codes.edges[0]!.node).toMatchObject({
      value: product.key,
      codeType: "PRODUCT",
      productId: product.id,
    });
  });

  it("codes a batch with the product's code, and activates it on release", async () => {
    const batch = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: gasBatch(product.id, "P1") }))
      .createBatch;
    expect(batch.key).toMatch(/^[0-9A-Z]{4}-B/);
    expect(firstErrorCode(await gql(RELEASE, { batchId: batch.id }))).toBe("FORBIDDEN");
    const issued = await issue({ batchId: batch.id });
    expect(issued.issued).toBe(0);
    expect(issued.codes.edges[0]!.node.value).toBe(product.key);
    await gqlData(RELEASE, { batchId: batch.id });
    const code = await gqlData<{ traceCode: { status: string } }>(
      `query($c: String!) { traceCode(code: $c) { status } }`,
      {
        c: product.key,
      },
    );
    expect(code.traceCode.status).toBe("ACTIVE");
  });
});

describe("shipments name registered organisations and issued codes", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;

  beforeAll(async () => {
    orgs = await registerChain(suffix);
  });

  it("rejects an unregistered destination (NOT_FOUND), an unknown trace code (NOT_FOUND) and a typo (BAD_USER_INPUT)", async () => {
    const base = { fromOrganizationId: orgs.maker, shippedAt: "2026-02-01T00:00:00Z" };
    const lot = `urn:epc:class:lgtin:6901234.012345.X${suffix}`;
    const unregistered = await gql(SHIP, { input: { ...base, codes: [lot], toOrganizationId: randomUscc() } });
    expect(unregistered.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.toOrganizationId" });
    const neverIssued = generateTraceCode("ITEM", issuerPrefix(orgs.maker));
    const notIssued = await gql(SHIP, {
      input: { ...base, codes: [neverIssued], toOrganizationId: orgs.gdDistributor },
    });
    expect(firstErrorCode(notIssued)).toBe("NOT_FOUND");
    const typoed = await gql(SHIP, {
      input: {
        ...base,
        codes: ["urn:epc:id:sgtin:6901234.012345.1", "not a code"],
        toOrganizationId: orgs.gdDistributor,
      },
    });
    expect(typoed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.codes[1]" });
  });
});
