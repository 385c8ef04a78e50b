import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { gql, gqlData, type GqlResult } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  LINK,
  REGISTER_PRODUCT,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
} from "./producer-fixtures.js";

/**
 * 子母码 lengths given at issuance and the mass balance of a batch (issue 14 item 4): each mother may be issued with
 * its length (or one length for all); the mothers of a batch never add up to more than its quantity; a batch's
 * mothers are balanced against its quantity, for those who may see the batch.
 */

const MASS_BALANCE = `query($code: String!) { massBalance(code: $code) { totalLength unit unallocated } }`;
const BATCH_BALANCE = `query($batchId: ID!) {
  batchMassBalance(batchId: $batchId) { batchId quantity unit mothersLength unallocated mothers mothersWithoutLength }
}`;

interface BatchBalance {
  batchId: string;
  quantity: number;
  unit: string;
  mothersLength: number | null;
  unallocated: number | null;
  mothers: number;
  mothersWithoutLength: number;
}

function rejection(result: GqlResult<unknown>) {
  const extensions = result.errors?.[0]?.extensions;
  return { code: extensions?.code, field: extensions?.field, rule: extensions?.rule };
}

describe("子母码 lengths at issuance and a batch's mass balance", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let product: ProductData;

  const newBatch = async (batchNo: string, extra: Record<string, unknown> = {}) =>
    (
      await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, {
        input: cableBatch(product.id, `${batchNo}${suffix}`, { quantity: 2000, unit: "m", ...extra }),
      })
    ).createBatch;
  const issue = (input: Record<string, unknown>) =>
    gql<{ issueCodes: IssueData }>(ISSUE_CODES, { input: { codeType: "MOTHER", ...input }, first: 100 });
  const balance = async (batchId: string) =>
    (await gqlData<{ batchMassBalance: BatchBalance }>(BATCH_BALANCE, { batchId })).batchMassBalance;

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "COMBINED", { id: `ml-${suffix}` }),
      })
    ).registerProduct;
  });

  it("keeps each mother's length given at issuance, and the batch's balance of them", async () => {
    const batch = await newBatch("A");
    const issued = await issue({ batchId: batch.id, motherLengths: [0.8, 0.7], lengthUnit: "km" });
    expect(issued.errors).toBeUndefined();
    const reels = issued.data!.issueCodes.codes.edges.map((e) => e.node.value);
    expect(issued.data!.issueCodes.issued).toBe(2);
    const lengths = await Promise.all(
      reels.map(
        async (code) => (await gqlData<{ massBalance: { totalLength: number } }>(MASS_BALANCE, { code })).massBalance,
      ),
    );
    // The two reels come back in code order: compare as a set of lengths in km.
    expect(lengths.map((l) => l.totalLength).sort((a, b) => a - b)).toEqual([0.7, 0.8]);
    const balanced = await balance(batch.id);
    expect(balanced).toMatchObject({
      batchId: batch.id,
      quantity: 2000,
      unit: "m",
      mothers: 2,
      mothersWithoutLength: 0,
    });
    expect(balanced.mothersLength).toBeCloseTo(1500, 6);
    expect(balanced.unallocated).toBeCloseTo(500, 6);
  });

  it("refuses mothers that would add up to more than the batch's quantity, writing none of them", async () => {
    const batch = await newBatch("B");
    expect((await issue({ batchId: batch.id, motherLengths: [1000] })).errors).toBeUndefined();
    const over = await issue({ batchId: batch.id, motherLengths: [600, 600] });
    expect(rejection(over)).toEqual({
      code: "BAD_USER_INPUT",
      field: "input.motherLengths",
      rule: "mothers within batch quantity",
    });
    const each = await issue({ batchId: batch.id, count: 3, motherLength: 400 });
    expect(rejection(each)).toMatchObject({ field: "input.motherLength", rule: "mothers within batch quantity" });
    expect(await balance(batch.id)).toMatchObject({ mothersLength: 1000, unallocated: 1000, mothers: 1 });
    // What is left can still be issued, and a link may not stretch a reel past the batch either.
    const rest = await issue({ batchId: batch.id, count: 2, motherLength: 500 });
    expect(rest.errors).toBeUndefined();
    expect(await balance(batch.id)).toMatchObject({ mothersLength: 2000, unallocated: 0, mothers: 3 });
    const plain = await issue({ batchId: batch.id, count: 1 });
    const reel = plain.data!.issueCodes.codes.edges[0]!.node.value;
    const segment = (
      await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, {
        input: { batchId: batch.id, codeType: "SEGMENT", count: 1 },
        first: 1,
      })
    ).issueCodes.codes.edges[0]!.node.value;
    const stretched = await gql(LINK, { parent: reel, children: [{ code: segment, segmentStart: 0, segmentEnd: 10 }] });
    expect(rejection(stretched)).toMatchObject({ rule: "mothers within batch quantity" });
    expect(await balance(batch.id)).toMatchObject({ mothers: 4, mothersWithoutLength: 1 });
  });

  it("lets only one of two issuances at the same time take the batch's last metres", async () => {
    const batch = await newBatch("E");
    const results = await Promise.all([
      issue({ batchId: batch.id, motherLengths: [1500] }),
      issue({ batchId: batch.id, motherLengths: [1500] }),
    ]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.map((r) => rejection(r).rule)).toContain("mothers within batch quantity");
    expect(await balance(batch.id)).toMatchObject({ mothersLength: 1500, mothers: 1 });
  });

  it("checks the lengths: only for MOTHER codes, as many as the count, positive, one form at a time", async () => {
    const batch = await newBatch("C");
    const cases: [Record<string, unknown>, { field: string; rule: string }][] = [
      [
        { codeType: "ITEM", count: 1, motherLength: 10 },
        { field: "input.motherLength", rule: "only for MOTHER codes" },
      ],
      [
        { count: 3, motherLengths: [10, 20] },
        { field: "input.motherLengths", rule: "mother lengths" },
      ],
      [{ motherLengths: [10, -1] }, { field: "input.motherLengths[1]", rule: "positive" }],
      [
        { count: 1, motherLength: 5, motherLengths: [5] },
        { field: "input.motherLength", rule: "one of motherLength, motherLengths" },
      ],
      [
        { count: 1, motherLength: 5, lengthUnit: "卷" },
        { field: "input.lengthUnit", rule: "length unit" },
      ],
    ];
    for (const [input, expected] of cases) {
      expect(rejection(await issue({ batchId: batch.id, ...input }))).toEqual({ code: "BAD_USER_INPUT", ...expected });
    }
    expect(await balance(batch.id)).toMatchObject({ mothersLength: 0, mothers: 0 });
  });

  it("answers a batch's balance only to those who may see the batch", async () => {
    const batch = await newBatch("D", { quantity: 30, unit: "卷" });
    await issue({ batchId: batch.id, count: 2, motherLength: 100 });
    expect(await balance(batch.id)).toMatchObject({ unit: "卷", mothersLength: null, unallocated: null, mothers: 2 });
    const maker = await gqlAs(principalOf("MANUFACTURER", orgs.maker), BATCH_BALANCE, { batchId: batch.id });
    expect(maker.errors).toBeUndefined();
    const stranger = await gqlAs(principalOf("PARTNER", orgs.szRetailer), BATCH_BALANCE, { batchId: batch.id });
    expect(rejection(stranger).code).toBe("NOT_FOUND");
    const unknown = await gqlAs(principalOf("MANUFACTURER", orgs.maker), BATCH_BALANCE, { batchId: `none-${suffix}` });
    expect(rejection(unknown).code).toBe("NOT_FOUND");
  });
});
