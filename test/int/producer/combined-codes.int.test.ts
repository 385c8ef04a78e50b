import type { GraphQLFormattedError } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { firstErrorCode, gql, gqlData, type GqlResult } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  LINK,
  REGISTER_PRODUCT,
  RELEASE,
  SCAN,
  SHIP,
  TRACE,
  cableBatch,
  cableProduct,
  registerChain,
  typo,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
  type ScanData,
  type TraceData,
} from "./producer-fixtures.js";

const MASS_BALANCE = `query($code: String!) {
  massBalance(code: $code) { code totalLength unit allocated unallocated segments { code start end unit } }
}`;

function rejection(result: GqlResult<unknown>) {
  const error = result.errors?.[0] as GraphQLFormattedError | undefined;
  return { code: error?.extensions?.code, field: error?.extensions?.field, rule: error?.extensions?.rule };
}

describe("组合多码 (COMBINED): mother codes with segments, bundles, and diversion through containment", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let product: ProductData;
  let batch: BatchData;
  let reels: string[];
  let segments: string[];
  let items: string[];

  const issue = async (codeType: string, count: number, batchId = batch.id) =>
    (
      await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, { input: { batchId, count, codeType }, first: 100 })
    ).issueCodes.codes.edges.map((e) => e.node.value);
  const link = (parent: string, children: object[], parentLength?: number) =>
    gql<{ linkCodes: { key: string; kind: string } }>(LINK, { parent, children, parentLength });

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "COMBINED", { id: `reel-${suffix}` }),
      })
    ).registerProduct;
    batch = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(product.id, `R${suffix}`) }))
      .createBatch;
    reels = await issue("MOTHER", 2);
    segments = await issue("SEGMENT", 6);
    items = await issue("ITEM", 2);
  });

  it("keys a product and batch without GTIN by their own trace codes (P and B)", () => {
    expect(product.key).toMatch(/^[0-9A-Z]{4}-P/);
    expect(batch.key).toMatch(/^[0-9A-Z]{4}-B/);
    expect(reels[0]).toMatch(/^[0-9A-Z]{4}-M/);
    expect(segments[0]).toMatch(/^[0-9A-Z]{4}-S/);
  });

  it("rejects a code type the trace mode does not issue", async () => {
    const result = await gql(ISSUE_CODES, { input: { batchId: batch.id, count: 1, codeType: "PRODUCT" } });
    expect(rejection(result)).toEqual({
      code: "BAD_USER_INPUT",
      field: "input.codeType",
      rule: "code type of trace mode",
    });
  });

  it("links segments to a reel, by default as long as the batch's quantity in metres", async () => {
    const result = await link(reels[0]!, [
      { code: segments[0], segmentStart: 0, segmentEnd: 1000 },
      { code: segments[1]!.toLowerCase(), segmentStart: 1000, segmentEnd: 2500, unit: "米" },
    ]);
    expect(result.data?.linkCodes).toEqual({ key: reels[0], kind: "CONTAINER" });
    const again = await link(reels[0]!, [{ code: segments[0], segmentStart: 0, segmentEnd: 1000 }]);
    expect(again.errors).toBeUndefined();
  });

  it("rejects a segment overlapping one already linked, or one in the same request", async () => {
    const overlapping = await link(reels[0]!, [{ code: segments[2], segmentStart: 2000, segmentEnd: 3000 }]);
    expect(rejection(overlapping)).toEqual({ code: "BAD_USER_INPUT", field: "children[0]", rule: "no overlap" });
    const together = await link(reels[0]!, [
      { code: segments[2], segmentStart: 3000, segmentEnd: 3500 },
      { code: segments[3], segmentStart: 3400, segmentEnd: 3600 },
    ]);
    expect(rejection(together)).toMatchObject({ code: "BAD_USER_INPUT", rule: "no overlap" });
  });

  it("rejects a segment running past the parent's length, given or by default", async () => {
    const pastBatch = await link(reels[0]!, [{ code: segments[2], segmentStart: 4000, segmentEnd: 5001 }]);
    expect(rejection(pastBatch)).toEqual({
      code: "BAD_USER_INPUT",
      field: "children[0]",
      rule: "within parent length",
    });
    const pastGiven = await link(reels[1]!, [{ code: segments[4], segmentStart: 1500, segmentEnd: 2500 }], 2000);
    expect(rejection(pastGiven)).toMatchObject({ rule: "within parent length" });
  });

  it("rejects a typo in a parent or child code (check character) with BAD_USER_INPUT", async () => {
    const badParent = await link(typo(reels[0]!), [{ code: segments[2], segmentStart: 2500, segmentEnd: 3000 }]);
    expect(rejection(badParent)).toMatchObject({ code: "BAD_USER_INPUT", field: "parentCode" });
    const badChild = await link(reels[0]!, [{ code: typo(segments[2]!), segmentStart: 2500, segmentEnd: 3000 }]);
    expect(rejection(badChild)).toMatchObject({ code: "BAD_USER_INPUT", field: "children[0].code" });
  });

  it("converts units and keeps the mass balance of a reel: total, allocated, unallocated", async () => {
    expect(
      (await link(reels[0]!, [{ code: segments[2], segmentStart: 2.5, segmentEnd: 3, unit: "km" }])).errors,
    ).toBeUndefined();
    const data = await gqlData<{ massBalance: Record<string, unknown> }>(MASS_BALANCE, { code: reels[0] });
    expect(data.massBalance).toMatchObject({ totalLength: 5000, unit: "m", allocated: 3000, unallocated: 2000 });
    expect((data.massBalance.segments as { code: string }[]).map((s) => s.code)).toEqual(segments.slice(0, 3));
  });

  it("never lets a batch's mother codes add up to more than its quantity", async () => {
    // reels[0] took the whole 5,000 m batch by default: a 2,000 m reel more would be 7,000 m of reels.
    const over = await link(reels[1]!, [{ code: segments[4], segmentStart: 0, segmentEnd: 800 }], 2000);
    expect(rejection(over)).toEqual({
      code: "BAD_USER_INPUT",
      field: "parentLength",
      rule: "mothers within batch quantity",
    });
    // A reel is never shorter than what is linked to it already (its segments reach 3,000 m).
    const short = await link(reels[0]!, [{ code: segments[0], segmentStart: 0, segmentEnd: 1000 }], 2500);
    expect(rejection(short)).toMatchObject({ field: "parentLength", rule: "within parent length" });
    // Given its real length, the first reel leaves room for the second.
    expect(
      (await link(reels[0]!, [{ code: segments[0], segmentStart: 0, segmentEnd: 1000 }], 3000)).errors,
    ).toBeUndefined();
  });

  it("stores a given parent length for later links and the mass balance", async () => {
    expect(
      (await link(reels[1]!, [{ code: segments[4], segmentStart: 0, segmentEnd: 800 }], 2000)).errors,
    ).toBeUndefined();
    const data = await gqlData<{ massBalance: Record<string, unknown> }>(MASS_BALANCE, { code: reels[1] });
    expect(data.massBalance).toMatchObject({ totalLength: 2000, allocated: 800, unallocated: 1200 });
  });

  it("rejects a child already in another parent with CONFLICT, and an unknown child with NOT_FOUND", async () => {
    const moved = await link(reels[1]!, [{ code: segments[0], segmentStart: 1000, segmentEnd: 1200 }]);
    expect(firstErrorCode(moved)).toBe("CONFLICT");
    const unknown = await link(reels[1]!, [
      { code: "urn:epc:id:sgtin:6901234.012345.NOPE", segmentStart: 1, segmentEnd: 2 },
    ]);
    expect(firstErrorCode(unknown)).toBe("NOT_FOUND");
  });

  it("bundles members of two products; each member still resolves on its own", async () => {
    const other = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `socket-${suffix}`, name: "插座线", category: "电线电缆" }),
      })
    ).registerProduct;
    const otherBatch = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(other.id, "S1") }))
      .createBatch;
    const [otherItem] = await issue("ITEM", 1, otherBatch.id);
    const [bundle] = await issue("BUNDLE", 1);
    const ranged = await link(bundle!, [{ code: items[0], segmentStart: 0, segmentEnd: 1 }]);
    expect(rejection(ranged)).toMatchObject({ rule: "segments only for mother codes" });
    const linked = await link(bundle!, [{ code: items[0] }, { code: otherItem }]);
    expect(linked.data?.linkCodes.kind).toBe("CONTAINER");
    const member = await gqlData<{ resolveCode: { key: string; kind: string } }>(
      `query($c: String!) { resolveCode(code: $c) { key kind } }`,
      { c: otherItem },
    );
    expect(member.resolveCode).toEqual({ key: otherItem, kind: "ITEM" });
    const [outer] = await issue("BUNDLE", 1);
    expect((await link(outer!, [{ code: bundle }])).errors).toBeUndefined();
    const cycle = await link(bundle!, [{ code: outer }]);
    expect(rejection(cycle)).toMatchObject({ code: "BAD_USER_INPUT", rule: "no cycle" });
    const trace = await gqlData<TraceData>(TRACE, { code: bundle });
    expect(trace.up.nodes.map((n) => n.key)).toEqual(
      expect.arrayContaining([items[0], otherItem, batch.key, otherBatch.key]),
    );
  });

  it("judges a segment's scan by its reel's shipment, with the path as evidence", async () => {
    await gqlData(RELEASE, { batchId: batch.id });
    await gqlData(SHIP, {
      input: {
        codes: [reels[0]],
        fromOrganizationId: orgs.maker,
        toOrganizationId: orgs.gdDistributor,
        shippedAt: "2026-02-01T00:00:00Z",
      },
    });
    const inRegion = await scan(segments[1]!, "440305");
    expect(inRegion.alerts).toEqual([]);
    const leaked = await scan(segments[1]!, "430102");
    expect(leaked.alerts[0]).toMatchObject({
      rule: "REGION_MISMATCH",
      evidence: [segments[1], reels[0], orgs.gdDistributor],
      responsibleOrganization: { id: orgs.gdDistributor },
    });
    const down = await gqlData<TraceData>(TRACE, { code: batch.key });
    expect(down.down.nodes.map((n) => n.key)).toEqual(
      expect.arrayContaining([reels[0], segments[1], orgs.gdDistributor]),
    );
    expect(down.down.edges).toContainEqual({ from: segments[1], to: reels[0], kind: "CONTAINED_IN" });
  });

  it("flags a scan of a void code", async () => {
    const voided = await gqlData<{ voidCode: { status: string; voidReason: string } }>(
      `mutation($c: String!) { voidCode(code: $c, reason: "标签损坏重打") { status voidReason } }`,
      { c: segments[5] },
    );
    expect(voided.voidCode).toEqual({ status: "VOID", voidReason: "标签损坏重打" });
    const result = await scan(segments[5]!, "440305");
    expect(result.voidCode).toBe(true);
    expect(result.warnings.join()).toMatch(/voided/);
    const shipVoid = await gql(SHIP, {
      input: {
        codes: [segments[5]],
        fromOrganizationId: orgs.maker,
        toOrganizationId: orgs.gdDistributor,
        shippedAt: "2026-02-02T00:00:00Z",
      },
    });
    expect(firstErrorCode(shipVoid)).toBe("FORBIDDEN");
  });

  async function scan(code: string, regionCode: string): Promise<ScanData> {
    const input = { code, regionCode, role: "CONSUMER", scannedAt: "2026-03-01T08:00:00Z" };
    return (await gqlData<{ recordScan: ScanData }>(SCAN, { input })).recordScan;
  }
});
