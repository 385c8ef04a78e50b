import { beforeAll, describe, expect, it } from "vitest";
import { firstErrorCode, gql, gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  BATCH_FIELDS,
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type ProductData,
} from "./producer-fixtures.js";

const RECALL = `mutation($batchId: ID!, $reason: String!) {
  recallBatch(batchId: $batchId, reason: $reason, note: "质量部") { ${BATCH_FIELDS} }
}`;

describe("召回: recalling a released batch", () => {
  const suffix = uniqueSuffix();
  let batch: BatchData;

  beforeAll(async () => {
    const orgs = await registerChain(suffix);
    const product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `recall-${suffix}` }),
      })
    ).registerProduct;
    batch = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(product.id, `R${suffix}`) }))
      .createBatch;
    await gqlData(ISSUE_CODES, { input: { batchId: batch.id, count: 3 } });
  });

  it("refuses to recall a batch that has not left the factory", async () => {
    const early = await gql(RECALL, { batchId: batch.id, reason: "绝缘电阻不合格" });
    expect(firstErrorCode(early)).toBe("FORBIDDEN");
  });

  it("marks a released batch RECALLED with an audited revision, once", async () => {
    await gqlData(RELEASE, { batchId: batch.id });
    const recalled = (
      await gqlData<{ recallBatch: BatchData }>(RECALL, { batchId: batch.id, reason: "绝缘电阻不合格" })
    ).recallBatch;
    expect(recalled.status).toBe("RECALLED");
    const recallRevisions = recalled.revisions.filter((r) => r.reason === "绝缘电阻不合格");
    expect(recallRevisions).toHaveLength(1);
    expect(recallRevisions[0]).toMatchObject({
      note: "质量部",
      actor: expect.stringMatching(/\S/),
      auditRequired: true,
    });
    expect(recallRevisions[0]!.changes).toEqual({ status: { before: "RELEASED", after: "RECALLED" } });

    const again = (await gqlData<{ recallBatch: BatchData }>(RECALL, { batchId: batch.id, reason: "绝缘电阻不合格" }))
      .recallBatch;
    expect(again.revisions).toHaveLength(recalled.revisions.length);
  });

  it("needs a reason", async () => {
    expect(firstErrorCode(await gql(RECALL, { batchId: batch.id, reason: "  " }))).toBe("BAD_USER_INPUT");
  });
});
