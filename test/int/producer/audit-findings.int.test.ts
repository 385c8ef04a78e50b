import { beforeAll, describe, expect, it } from "vitest";
import { firstErrorCode, gqlData } from "../../support/test-api.js";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CORRECT,
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  cableBatch,
  cableProduct,
  randomUscc,
  registerChain,
  type BatchData,
  type ProductData,
} from "./producer-fixtures.js";

const FIELDS = "id text owner state manufacturerId batchId revisionId openedAt openedBy closedAt closedBy conclusion";
const FINDINGS = `query($filter: AuditFindingFilter, $first: Int, $after: String) {
  auditFindings(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CLOSE = `mutation($id: String!, $conclusion: String!) { closeAuditFinding(id: $id, conclusion: $conclusion) { ${FIELDS} } }`;
const ASSIGN = `mutation($id: String!, $owner: String!) { assignAuditFinding(id: $id, owner: $owner) { ${FIELDS} } }`;
const RECALL = `mutation($batchId: ID!, $reason: String!) { recallBatch(batchId: $batchId, reason: $reason) { status } }`;

interface Finding {
  id: string;
  text: string;
  owner: string | null;
  state: string;
  batchId: string;
  revisionId: string | null;
  openedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  conclusion: string | null;
}
interface FindingsData {
  auditFindings: { edges: { cursor: string; node: Finding }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

/** Issue 14 item 6: 内部审核, a correction after release opens a finding its maker closes with a conclusion. */
describe("internal-audit findings", () => {
  const suffix = uniqueSuffix();
  let maker = "";
  let batch: BatchData;
  const asMaker = () => principalOf("MANUFACTURER", maker);
  const asOtherMaker = principalOf("MANUFACTURER", randomUscc("441900"));
  const asRegulator = principalOf("REGULATOR", null);

  beforeAll(async () => {
    maker = (await registerChain(suffix)).maker;
    const product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(maker, "PER_ITEM", { id: `af-${suffix}` }),
      })
    ).registerProduct;
    batch = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(product.id, "F1") }))
      .createBatch;
    await gqlData(ISSUE_CODES, { input: { batchId: batch.id, count: 1 } });
    await gqlData(RELEASE, { batchId: batch.id });
    const corrected = await gqlAs(asMaker(), CORRECT, {
      batchId: batch.id,
      extended: { warranty: "3 年" },
      reason: "保修期更正",
    });
    expect(corrected.errors).toBeUndefined();
  });

  const findingsAs = async (principal: ReturnType<typeof principalOf>, filter: Record<string, unknown>) => {
    const result = await gqlAs<FindingsData>(principal, FINDINGS, { filter });
    expect(result.errors).toBeUndefined();
    return result.data!.auditFindings.edges.map((e) => e.node);
  };

  it("opens a finding when a released batch is corrected, owned by whoever corrected it", async () => {
    const [finding, ...more] = await findingsAs(asMaker(), { batchId: batch.id });
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ state: "OPEN", batchId: batch.id, owner: asMaker().credentialId, closedAt: null });
    expect(finding!.text).toContain("保修期更正");
    expect(finding!.openedBy).toBe(asMaker().credentialId);
    expect(finding!.revisionId).toMatch(/^rev-/);
  });

  it("is read by its maker and a regulator, never by another maker, who cannot close it either", async () => {
    const [finding] = await findingsAs(asMaker(), { batchId: batch.id });
    expect(await findingsAs(asRegulator, { batchId: batch.id })).toEqual([finding]);
    expect(await findingsAs(asOtherMaker, { batchId: batch.id })).toEqual([]);
    expect(await findingsAs(asOtherMaker, { manufacturerId: maker })).toEqual([]);
    const stranger = await gqlAs(asOtherMaker, CLOSE, { id: finding!.id, conclusion: "x" });
    expect(firstErrorCode(stranger)).toBe("NOT_FOUND");
    const regulator = await gqlAs(asRegulator, CLOSE, { id: finding!.id, conclusion: "x" });
    expect(firstErrorCode(regulator)).toBe("FORBIDDEN");
  });

  it("is assigned, then closed once with who, when and the conclusion", async () => {
    const [finding] = await findingsAs(asMaker(), { batchId: batch.id, state: "OPEN" });
    const assigned = await gqlAs<{ assignAuditFinding: Finding }>(asMaker(), ASSIGN, {
      id: finding!.id,
      owner: "质量部 李",
    });
    expect(assigned.data?.assignAuditFinding.owner).toBe("质量部 李");

    const closed = await gqlAs<{ closeAuditFinding: Finding }>(asMaker(), CLOSE, {
      id: finding!.id,
      conclusion: "已核实：原记录笔误，更正无误",
    });
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closeAuditFinding).toMatchObject({
      state: "CLOSED",
      closedBy: asMaker().credentialId,
      conclusion: "已核实：原记录笔误，更正无误",
      owner: "质量部 李",
    });
    expect(Date.parse(closed.data!.closeAuditFinding.closedAt!)).toBeGreaterThan(Date.now() - 60_000);

    expect(await findingsAs(asMaker(), { batchId: batch.id, state: "OPEN" })).toEqual([]);
    expect(await findingsAs(asMaker(), { batchId: batch.id, state: "CLOSED" })).toHaveLength(1);
    const again = await gqlAs(asMaker(), CLOSE, { id: finding!.id, conclusion: "again" });
    expect(firstErrorCode(again)).toBe("CONFLICT");
    const blank = await gqlAs(asMaker(), ASSIGN, { id: finding!.id, owner: " " });
    expect(firstErrorCode(blank)).toBe("BAD_USER_INPUT");
  });

  it("opens a finding for a recall too, and pages the maker's findings newest first", async () => {
    await gqlAs(asMaker(), RECALL, { batchId: batch.id, reason: "绝缘层厚度不合格" });
    const first = await gqlAs<FindingsData>(asMaker(), FINDINGS, { filter: { manufacturerId: maker }, first: 1 });
    const [edge] = first.data!.auditFindings.edges;
    expect(edge?.node).toMatchObject({ state: "OPEN" });
    expect(edge?.node.text).toContain("绝缘层厚度不合格");
    expect(first.data!.auditFindings.pageInfo.hasNextPage).toBe(true);
    const rest = await gqlAs<FindingsData>(asMaker(), FINDINGS, {
      filter: { manufacturerId: maker },
      first: 1,
      after: first.data!.auditFindings.pageInfo.endCursor,
    });
    expect(rest.data!.auditFindings.edges.map((e) => e.node.state)).toEqual(["CLOSED"]);
    expect(rest.data!.auditFindings.pageInfo.hasNextPage).toBe(false);
  });
});
