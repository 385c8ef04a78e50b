import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../support/gql-as.js";
import { dataOf, firstErrorCode } from "../support/test-api.js";
import { uniqueSuffix } from "../support/test-services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  SHIP,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
} from "./producer/producer-fixtures.js";

/**
 * Issue 18 item 3: a maker recalls a batch; each organisation holding its goods gets a notice with the objects
 * shipped to it and what to do, acknowledges it, and the maker sees who has.
 */
const RECALL = `mutation($batchId: ID!, $reason: String!) { recallBatch(batchId: $batchId, reason: $reason) { status } }`;
const NOTICES = `query($batchId: String) {
  recallNotices(batchId: $batchId) { id batchId holderId reason instructions objectKeys objectCount acknowledgedAt acknowledgedBy note }
}`;
const ACKNOWLEDGE = `mutation($id: String!, $note: String) {
  acknowledgeRecallNotice(id: $id, note: $note) { id acknowledgedAt acknowledgedBy note }
}`;

interface Notice {
  id: string;
  batchId: string;
  holderId: string;
  reason: string;
  instructions: string;
  objectKeys: string[];
  objectCount: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

describe("recall notices (issue 18)", () => {
  let orgs: ChainOrgs;
  let batch: BatchData;
  let items: string[];
  const maker = () => principalOf("MANUFACTURER", orgs.maker);
  const distributor1 = () => principalOf("PARTNER", orgs.gdDistributor);
  const distributor2 = () => principalOf("PARTNER", orgs.hnDistributor);
  const retailer = () => principalOf("PARTNER", orgs.szRetailer);
  const notices = async (as: ReturnType<typeof maker>, batchId: string | null) =>
    dataOf(await gqlAs<{ recallNotices: Notice[] }>(as, NOTICES, { batchId })).recallNotices;

  beforeAll(async () => {
    orgs = await registerChain(uniqueSuffix());
    const product = dataOf(
      await gqlAs<{ registerProduct: ProductData }>(maker(), REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `notice-${uniqueSuffix()}` }),
      }),
    ).registerProduct;
    batch = dataOf(
      await gqlAs<{ createBatch: BatchData }>(maker(), CREATE_BATCH, { input: cableBatch(product.id, "N1") }),
    ).createBatch;
    const issued = dataOf(
      await gqlAs<{ issueCodes: IssueData }>(maker(), ISSUE_CODES, {
        input: { batchId: batch.id, count: 3 },
        first: 3,
      }),
    ).issueCodes;
    items = issued.codes.edges.map((e) => e.node.value);
    dataOf(await gqlAs(maker(), RELEASE, { batchId: batch.id }));
    const ship = (codes: string[], to: string) =>
      gqlAs(maker(), SHIP, {
        input: { codes, fromOrganizationId: orgs.maker, toOrganizationId: to, shippedAt: "2026-02-01T00:00:00Z" },
      });
    dataOf(await ship([items[0]!, items[1]!], orgs.gdDistributor));
    dataOf(await ship([items[2]!], orgs.hnDistributor));
    dataOf(await gqlAs(maker(), RECALL, { batchId: batch.id, reason: "绝缘层厚度不合格" }));
  });

  it("sends each holder one notice with the objects it was shipped, the reason and what to do", async () => {
    const all = await notices(maker(), batch.id);
    expect(all.map((n) => n.holderId).sort()).toEqual([orgs.gdDistributor, orgs.hnDistributor].sort());
    const [first] = await notices(distributor1(), batch.id);
    expect(first).toMatchObject({ batchId: batch.id, holderId: orgs.gdDistributor, reason: "绝缘层厚度不合格" });
    expect(first!.objectCount).toBe(2);
    expect(first!.objectKeys.join(" ")).toContain(items[0]!.slice(-6));
    expect(first!.instructions).toMatch(/quarantine/);
    // Without a batch: the notices the caller's organisation received.
    expect((await notices(distributor2(), null)).map((n) => n.holderId)).toEqual([orgs.hnDistributor]);
  });

  it("a holder sees only its own notice; an organisation holding nothing sees none", async () => {
    expect((await notices(distributor2(), batch.id)).map((n) => n.holderId)).toEqual([orgs.hnDistributor]);
    expect(await notices(retailer(), batch.id)).toEqual([]);
  });

  it("the holder acknowledges its notice (once); the maker sees who has acknowledged and who has not", async () => {
    const [own] = await notices(distributor1(), batch.id);
    const acknowledged = dataOf(
      await gqlAs<{ acknowledgeRecallNotice: Notice }>(distributor1(), ACKNOWLEDGE, { id: own!.id, note: "已下架" }),
    ).acknowledgeRecallNotice;
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    expect(acknowledged.note).toBe("已下架");
    const again = dataOf(
      await gqlAs<{ acknowledgeRecallNotice: Notice }>(distributor1(), ACKNOWLEDGE, { id: own!.id, note: "again" }),
    ).acknowledgeRecallNotice;
    expect(again).toEqual(acknowledged);

    const byHolder = new Map((await notices(maker(), batch.id)).map((n) => [n.holderId, n]));
    expect(byHolder.get(orgs.gdDistributor)?.acknowledgedBy).toBe(distributor1().credentialId);
    expect(byHolder.get(orgs.hnDistributor)?.acknowledgedAt).toBeNull();
  });

  it("another organisation cannot acknowledge a notice: NOT_FOUND for others, FORBIDDEN for the maker", async () => {
    const other = (await notices(maker(), batch.id)).find((n) => n.holderId === orgs.hnDistributor)!;
    expect(firstErrorCode(await gqlAs(distributor1(), ACKNOWLEDGE, { id: other.id }))).toBe("NOT_FOUND");
    expect(firstErrorCode(await gqlAs(maker(), ACKNOWLEDGE, { id: other.id }))).toBe("FORBIDDEN");
  });

  it("recalling again sends no second notice", async () => {
    await gqlAs(maker(), RECALL, { batchId: batch.id, reason: "again" });
    expect(await notices(maker(), batch.id)).toHaveLength(2);
  });
});
