import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { dataOf, type GqlResult } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  SHIP,
  cableBatch,
  cableProduct,
  randomUscc,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
} from "../producer/producer-fixtures.js";

/**
 * API-CONTRACT §6 for the lookups by id: `batch`, `product`, `products`, `traceCode`, `massBalance` and
 * `organization` answer a party that may not see the thing exactly as they answer an unknown id, so that neither
 * the data nor an error message reveals that it exists. A maker ships one item of its batch to one distributor;
 * a second distributor has nothing of it.
 */

const BATCH = `query($id: ID!) { batch(id: $id) { id status } }`;
const PRODUCT = `query($id: String!) { product(id: $id) { id } }`;
const PRODUCTS = `query($m: String!) { products(manufacturerId: $m) { id } }`;
const TRACE_CODE = `query($code: String!) { traceCode(code: $code) { value status } }`;
const MASS_BALANCE = `query($code: String!) { massBalance(code: $code) { code } }`;
const ORGANIZATION = `query($id: String!) { organization(id: $id) { id name } }`;

/** The error an answer carries, without the parts that name the id asked for. */
function failure(result: GqlResult<unknown>): { code: unknown; data: unknown } {
  return { code: result.errors?.[0]?.extensions?.code, data: result.data };
}

describe("lookups by id answer an invisible thing as an unknown one (API-CONTRACT §6)", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let shipped: ProductData;
  let unshipped: ProductData;
  let batch: BatchData;
  let draft: BatchData;
  let items: [string, string];

  const maker = () => principalOf("MANUFACTURER", orgs.maker);
  const holder = () => principalOf("PARTNER", orgs.gdDistributor);
  const stranger = () => principalOf("PARTNER", orgs.hnDistributor);
  const inspector = () => principalOf("REGULATOR", randomUscc("440000"));

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    const register = async (id: string) =>
      dataOf(
        await gqlAs<{ registerProduct: ProductData }>(maker(), REGISTER_PRODUCT, {
          input: cableProduct(orgs.maker, "PER_ITEM", { id }),
        }),
      ).registerProduct;
    shipped = await register(`lk-${suffix}`);
    unshipped = await register(`lk2-${suffix}`);
    const create = async (productId: string, batchNo: string) =>
      dataOf(await gqlAs<{ createBatch: BatchData }>(maker(), CREATE_BATCH, { input: cableBatch(productId, batchNo) }))
        .createBatch;
    batch = await create(shipped.id, "L1");
    draft = await create(unshipped.id, "L2");
    const issued = dataOf(
      await gqlAs<{ issueCodes: IssueData }>(maker(), ISSUE_CODES, {
        input: { batchId: batch.id, count: 2 },
        first: 2,
      }),
    ).issueCodes;
    items = issued.codes.edges.map((e) => e.node.value) as [string, string];
    dataOf(await gqlAs(maker(), RELEASE, { batchId: batch.id }));
    dataOf(
      await gqlAs(maker(), SHIP, {
        input: {
          codes: [items[0]],
          fromOrganizationId: orgs.maker,
          toOrganizationId: orgs.gdDistributor,
          shippedAt: "2026-02-01T00:00:00Z",
        },
      }),
    );
  });

  it("batch: the maker, a holder and the regulator see it; a stranger gets what an unknown id gets", async () => {
    for (const as of [maker(), holder(), inspector()]) {
      expect(dataOf(await gqlAs<{ batch: { id: string } }>(as, BATCH, { id: batch.id })).batch.id).toBe(batch.id);
    }
    const unknown = failure(await gqlAs(stranger(), BATCH, { id: `${shipped.id}:NOPE` }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(failure(await gqlAs(stranger(), BATCH, { id: batch.id }))).toEqual(unknown);
    // A batch nothing of which left the factory is the maker's alone.
    expect(failure(await gqlAs(holder(), BATCH, { id: draft.id }))).toEqual(unknown);
    expect(dataOf(await gqlAs<{ batch: { id: string } }>(maker(), BATCH, { id: draft.id })).batch.id).toBe(draft.id);
  });

  it("the not-found message of an invisible batch is the message of an unknown one", async () => {
    const invisible = await gqlAs(stranger(), BATCH, { id: batch.id });
    const fake = `${batch.id}X`;
    const unknown = await gqlAs(stranger(), BATCH, { id: fake });
    expect(invisible.errors?.[0]?.message.replace(batch.id, "ID")).toBe(
      unknown.errors?.[0]?.message.replace(fake, "ID"),
    );
  });

  it("product and products: a holder sees the product it holds, not the maker's other products", async () => {
    expect(dataOf(await gqlAs<{ product: { id: string } }>(holder(), PRODUCT, { id: shipped.id })).product.id).toBe(
      shipped.id,
    );
    const unknown = failure(await gqlAs(holder(), PRODUCT, { id: `nope-${suffix}` }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(failure(await gqlAs(holder(), PRODUCT, { id: unshipped.id }))).toEqual(unknown);
    expect(failure(await gqlAs(stranger(), PRODUCT, { id: shipped.id }))).toEqual(unknown);

    const ids = async (as: ReturnType<typeof maker>) =>
      dataOf(await gqlAs<{ products: { id: string }[] }>(as, PRODUCTS, { m: orgs.maker })).products.map((p) => p.id);
    expect(await ids(maker())).toEqual([shipped.id, unshipped.id].sort());
    expect(await ids(inspector())).toEqual([shipped.id, unshipped.id].sort());
    expect(await ids(holder())).toEqual([shipped.id]);
    expect(await ids(stranger())).toEqual([]);
  });

  it("traceCode: null for a code the caller may not see, as for an unknown one", async () => {
    const code = async (as: ReturnType<typeof maker>, value: string) =>
      dataOf(await gqlAs<{ traceCode: { value: string } | null }>(as, TRACE_CODE, { code: value })).traceCode;
    expect((await code(maker(), items[1]))?.value).toBe(items[1]);
    expect((await code(holder(), items[0]))?.value).toBe(items[0]);
    expect(await code(stranger(), items[0])).toBeNull();
    expect(await code(holder(), items[1])).toBeNull();
  });

  it("massBalance: NOT_FOUND for a code the caller may not see, as for an unknown one", async () => {
    expect(
      dataOf(await gqlAs<{ massBalance: { code: string } }>(maker(), MASS_BALANCE, { code: items[1] })).massBalance
        .code,
    ).toBe(items[1]);
    const invisible = failure(await gqlAs(stranger(), MASS_BALANCE, { code: items[0] }));
    expect(invisible.code).toBe("NOT_FOUND");
    expect(invisible.data).toBeNull();
  });

  it("codeIssue: the maker's and the regulator's, NOT_FOUND for anyone else", async () => {
    const CODE_ISSUE = `query($id: String!) { codeIssue(issueId: $id) { issued } }`;
    const issued = dataOf(
      await gqlAs<{ issueCodes: { issueId: string } }>(
        maker(),
        `mutation($input: IssueCodesInput!) { issueCodes(input: $input) { issueId } }`,
        { input: { batchId: draft.id, count: 1 } },
      ),
    ).issueCodes;
    for (const as of [maker(), inspector()]) {
      expect(
        dataOf(await gqlAs<{ codeIssue: { issued: number } }>(as, CODE_ISSUE, { id: issued.issueId })).codeIssue,
      ).toEqual({ issued: 1 });
    }
    for (const as of [holder(), stranger()]) {
      expect(failure(await gqlAs(as, CODE_ISSUE, { id: issued.issueId })).code).toBe("NOT_FOUND");
    }
  });

  it("organization: itself and its counterparts, not a competitor it never dealt with", async () => {
    const org = async (as: ReturnType<typeof maker>, id: string) =>
      dataOf(await gqlAs<{ organization: { id: string } | null }>(as, ORGANIZATION, { id })).organization?.id ?? null;
    expect(await org(holder(), orgs.gdDistributor)).toBe(orgs.gdDistributor);
    expect(await org(holder(), orgs.maker)).toBe(orgs.maker);
    expect(await org(maker(), orgs.gdDistributor)).toBe(orgs.gdDistributor);
    expect(await org(stranger(), orgs.gdDistributor)).toBeNull();
    expect(await org(holder(), orgs.hnDistributor)).toBeNull();
    expect(await org(inspector(), orgs.hnDistributor)).toBe(orgs.hnDistributor);
  });
});
