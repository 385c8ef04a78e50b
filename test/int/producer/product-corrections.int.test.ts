import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { dataOf, type GqlResult } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  cableBatch,
  cableProduct,
  randomUscc,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type ProductData,
} from "./producer-fixtures.js";

/**
 * A product's basic info is corrected until one of its batches leaves the factory (issue 14 item 1): the checks of
 * registerProduct, each change a revision with before, after, reason and actor; FORBIDDEN after.
 */

const UPDATE = `mutation($productId: String!, $input: ProductBasicsInput!, $reason: String!) {
  updateProduct(productId: $productId, input: $input, reason: $reason) {
    id model category brand
    revisions { reason changes actor }
  }
}`;

interface Updated {
  model: string;
  category: string;
  brand: string | null;
  revisions: { reason: string; changes: Record<string, { before: unknown; after: unknown }>; actor: string | null }[];
}

const extensionsOf = (result: GqlResult<unknown>) => result.errors?.[0]?.extensions ?? {};

describe("corrections of a product's basic info until release", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let product: ProductData;
  const maker = () => principalOf("MANUFACTURER", orgs.maker);
  const update = (input: Record<string, unknown>, reason = "型号规格更正", as = maker()) =>
    gqlAs<{ updateProduct: Updated }>(as, UPDATE, { productId: product.id, input, reason });

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    product = dataOf(
      await gqlAs<{ registerProduct: ProductData }>(maker(), REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `fix-${suffix}` }),
      }),
    ).registerProduct;
  });

  it("corrects the model and category with a revision of before and after", async () => {
    const updated = dataOf(await update({ model: "BV 450/750V 4mm²", category: "WC.LV", brand: null })).updateProduct;
    expect(updated).toMatchObject({ model: "BV 450/750V 4mm²", category: "WC.LV", brand: null });
    const [revision] = updated.revisions;
    expect(revision?.reason).toBe("型号规格更正");
    expect(revision?.changes.model).toEqual({
      before: cableProduct(orgs.maker, "PER_ITEM").model,
      after: "BV 450/750V 4mm²",
    });
    expect(revision?.changes.category).toEqual({ before: "WC", after: "WC.LV" });
    expect(revision?.actor).toBeTruthy();
    // Nothing changed, nothing written.
    expect(dataOf(await update({ model: "BV 450/750V 4mm²" }, "无变化")).updateProduct.revisions).toHaveLength(1);
  });

  it("checks a correction as registration does", async () => {
    expect(extensionsOf(await update({ category: "五金工具" }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.category",
      rule: "product category",
    });
    expect(extensionsOf(await update({ standardNo: "GB12706" }))).toMatchObject({ field: "input.standardNo" });
    expect(extensionsOf(await update({ model: "x" }, "  "))).toMatchObject({ field: "reason", rule: "required" });
  });

  it("answers another maker as if the product did not exist, and freezes the product once a batch is released", async () => {
    expect(
      extensionsOf(await update({ model: "Y" }, "x", principalOf("MANUFACTURER", randomUscc("441900")))),
    ).toMatchObject({ code: "NOT_FOUND" });
    const batch = dataOf(
      await gqlAs<{ createBatch: BatchData }>(maker(), CREATE_BATCH, { input: cableBatch(product.id, "F1") }),
    ).createBatch;
    dataOf(await gqlAs(maker(), ISSUE_CODES, { input: { batchId: batch.id, count: 1 }, first: 1 }));
    dataOf(await gqlAs(maker(), RELEASE, { batchId: batch.id }));
    expect(extensionsOf(await update({ model: "BV 2.5" }))).toMatchObject({
      code: "FORBIDDEN",
      rule: "frozen after release",
    });
  });
});
