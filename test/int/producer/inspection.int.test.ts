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
 * 出厂检验 (issue 14, items 1 and 2): the result is 合格, 不合格 or 待检; codes may be issued while 待检; release needs
 * 合格; basic info is corrected until release with a revision (before, after, reason, actor), and frozen after.
 */

const UPDATE_BASICS = `mutation($batchId: ID!, $input: BatchBasicsInput!, $reason: String!) {
  updateBatchBasics(batchId: $batchId, input: $input, reason: $reason) {
    id status inspectionResult inspectionStatus inspectionReportNo inspectionAgency inspectionDate quantity
    revisions { reason changes actor }
  }
}`;

interface UpdatedBatch {
  status: string;
  inspectionResult: string;
  inspectionStatus: string;
  inspectionReportNo: string | null;
  inspectionAgency: string | null;
  inspectionDate: string | null;
  quantity: number;
  revisions: { reason: string; changes: Record<string, { before: unknown; after: unknown }>; actor: string | null }[];
}

function problem(result: GqlResult<unknown>) {
  const extensions = result.errors?.[0]?.extensions ?? {};
  return { code: extensions.code, field: extensions.field, rule: extensions.rule };
}

describe("factory inspection gates release; basic info is corrected until release", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let product: ProductData;
  const maker = () => principalOf("MANUFACTURER", orgs.maker);

  const create = async (batchNo: string, inspectionResult: string) =>
    dataOf(
      await gqlAs<{ createBatch: BatchData }>(maker(), CREATE_BATCH, {
        input: cableBatch(product.id, batchNo, { inspectionResult }),
      }),
    ).createBatch;
  const issue = (batchId: string) => gqlAs(maker(), ISSUE_CODES, { input: { batchId, count: 2 }, first: 2 });
  const release = (batchId: string) => gqlAs(maker(), RELEASE, { batchId });
  const update = (batchId: string, input: Record<string, unknown>, reason = "检验报告已出") =>
    gqlAs<{ updateBatchBasics: UpdatedBatch }>(maker(), UPDATE_BASICS, { batchId, input, reason });

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    product = dataOf(
      await gqlAs<{ registerProduct: ProductData }>(maker(), REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `insp-${suffix}` }),
      }),
    ).registerProduct;
  });

  it("refuses a result that is not 合格, 不合格 or 待检", async () => {
    const result = await gqlAs(maker(), CREATE_BATCH, {
      input: cableBatch(product.id, "X1", { inspectionResult: "OK" }),
    });
    expect(problem(result)).toEqual({
      code: "BAD_USER_INPUT",
      field: "input.inspectionResult",
      rule: "inspection result",
    });
  });

  it("never releases a 不合格 batch", async () => {
    const failed = await create("F1", "不合格（耐压试验击穿）");
    dataOf(await issue(failed.id));
    const refused = await release(failed.id);
    expect(problem(refused)).toMatchObject({ code: "FORBIDDEN", rule: "release needs inspection 合格" });
    expect(refused.errors?.[0]?.message).toContain("不合格");
  });

  it("issues codes while 待检, refuses release, then releases once corrected to 合格 with its revision", async () => {
    const pending = await create("P1", "待检");
    dataOf(await issue(pending.id));
    expect(problem(await release(pending.id))).toMatchObject({ code: "FORBIDDEN" });

    const updated = dataOf(
      await update(pending.id, {
        inspectionResult: "合格",
        inspectionReportNo: "JY-2026-0042",
        inspectionAgency: "粤缆质检部",
        inspectionDate: "2026-01-16",
      }),
    ).updateBatchBasics;
    expect(updated).toMatchObject({
      inspectionResult: "合格",
      inspectionStatus: "PASSED",
      inspectionReportNo: "JY-2026-0042",
      inspectionDate: "2026-01-16",
    });
    const revision = updated.revisions.find((r) => r.reason === "检验报告已出");
    expect(revision?.changes.inspectionResult).toEqual({ before: "待检", after: "合格" });
    expect(revision?.changes.inspectionAgency).toEqual({ before: null, after: "粤缆质检部" });
    expect(revision?.actor).toBeTruthy();

    const released = dataOf(await release(pending.id)) as { releaseBatch: { status: string } };
    expect(released.releaseBatch.status).toBe("RELEASED");
    expect(problem(await update(pending.id, { quantity: 10 }))).toMatchObject({
      code: "FORBIDDEN",
      rule: "frozen after release",
    });
  });

  it("checks a correction as creation checks it, and writes no revision for one that changes nothing", async () => {
    const batch = await create("C1", "待检");
    expect(problem(await update(batch.id, { quantity: -5 }))).toEqual({
      code: "BAD_USER_INPUT",
      field: "input.quantity",
      rule: "positive",
    });
    expect(problem(await update(batch.id, { inspectionDate: "2099-01-01" }))).toMatchObject({
      field: "input.inspectionDate",
      rule: "not in the future",
    });
    // A cable batch needs its licence: clearing it is refused like leaving it out at creation.
    expect(problem(await update(batch.id, { licenceNo: null }))).toMatchObject({
      field: "input.licenceNo",
      rule: "required for category",
    });
    const same = dataOf(await update(batch.id, { inspectionResult: "待检" }, "无变化")).updateBatchBasics;
    expect(same.revisions.some((r) => r.reason === "无变化")).toBe(false);
  });

  it("answers another maker as if the batch did not exist", async () => {
    const batch = await create("O1", "待检");
    const other = principalOf("MANUFACTURER", randomUscc("441900"));
    const result = await gqlAs(other, UPDATE_BASICS, { batchId: batch.id, input: { quantity: 1 }, reason: "x" });
    expect(problem(result).code).toBe("NOT_FOUND");
  });
});
