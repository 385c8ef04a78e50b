import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../support/test-api.js";
import { gqlAs, principalOf } from "../support/gql-as.js";
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
  type IssueData,
  type ProductData,
} from "./producer/producer-fixtures.js";

const PAGE = "pageInfo { hasNextPage endCursor }";
const PRODUCTS = `query($filter: ProductListFilter, $first: Int, $after: String) {
  productList(filter: $filter, first: $first, after: $after) { edges { node { id manufacturerId } } ${PAGE} }
}`;
const BATCHES = `query($filter: BatchListFilter, $first: Int, $after: String) {
  batchList(filter: $filter, first: $first, after: $after) { edges { node { id status productionDate revisions { reason } } } ${PAGE} }
}`;
const ORGANIZATIONS = `query($filter: OrganizationListFilter) {
  organizationList(filter: $filter, first: 500) { edges { node { id } } ${PAGE} }
}`;
const LOCATIONS = `query($filter: LocationListFilter) {
  locationList(filter: $filter, first: 500) { edges { node { id organizationId } } ${PAGE} }
}`;
const CODES = `query($id: ID!, $status: CodeStatus) { batch(id: $id) { codes(status: $status) { edges { node { value status } } } } }`;
const LOCATION = `mutation($input: LocationInput!) { upsertLocation(input: $input) { id } }`;

type Principal = ReturnType<typeof principalOf>;
interface Connection<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function listAs<T = { id: string }>(
  principal: Principal,
  query: string,
  field: string,
  variables: Record<string, unknown>,
) {
  const result = await gqlAs<Record<string, Connection<T>>>(principal, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data![field]!;
}
const ids = (connection: Connection<{ id: string }>) => connection.edges.map((e) => e.node.id);

/** Issue 14 item 8: lists as Relay connections with filters, each answering per API-CONTRACT §6. */
describe("lists of products, batches, organisations, locations and a batch's codes", () => {
  const suffix = uniqueSuffix();
  let a: Awaited<ReturnType<typeof registerChain>>;
  let otherMaker = "";
  const product: Record<string, string> = {};
  const batch: Record<string, BatchData> = {};
  const asA = () => principalOf("MANUFACTURER", a.maker);
  const asB = () => principalOf("MANUFACTURER", otherMaker);
  const asDistributor = () => principalOf("PARTNER", a.gdDistributor);

  const register = async (maker: string, id: string) =>
    (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(maker, "PER_ITEM", { id }),
      })
    ).registerProduct.id;
  const create = async (productId: string, batchNo: string, productionDate: string) =>
    (
      await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, {
        input: cableBatch(productId, batchNo, { productionDate }),
      })
    ).createBatch;

  beforeAll(async () => {
    a = await registerChain(suffix);
    otherMaker = (await registerChain(`${suffix}b`)).maker;
    product.p1 = await register(a.maker, `la-1-${suffix}`);
    product.p2 = await register(a.maker, `la-2-${suffix}`);
    product.q = await register(otherMaker, `lb-1-${suffix}`);
    batch.b1 = await create(product.p1, "B1", "2026-01-15");
    batch.b2 = await create(product.p1, "B2", "2026-02-10");
    batch.b3 = await create(product.p2, "B3", "2026-02-11");
    batch.q1 = await create(product.q, "Q1", "2026-02-12");
    const issued = await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, { input: { batchId: batch.b2.id, count: 2 } });
    await gqlData(RELEASE, { batchId: batch.b2.id });
    const codes = issued.issueCodes.codes.edges.map((e) => e.node.value);
    await gqlData(SHIP, {
      input: {
        codes,
        fromOrganizationId: a.maker,
        toOrganizationId: a.gdDistributor,
        shippedAt: "2026-03-01T00:00:00Z",
      },
    });
    await gqlData(LOCATION, {
      input: { id: `loc-a-${suffix}`, name: "A 厂", regionCode: "441900", organizationId: a.maker },
    });
    await gqlData(LOCATION, {
      input: { id: `loc-b-${suffix}`, name: "B 厂", regionCode: "441900", organizationId: otherMaker },
    });
  });

  it("pages a maker's products in id order with keyset cursors", async () => {
    const first = await listAs<{ id: string }>(asA(), PRODUCTS, "productList", {
      filter: { manufacturerId: a.maker },
      first: 1,
    });
    expect(ids(first)).toEqual([product.p1]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await listAs<{ id: string }>(asA(), PRODUCTS, "productList", {
      filter: { manufacturerId: a.maker },
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect(ids(rest)).toEqual([product.p2]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it("shows a maker its own products and batches only, however it filters", async () => {
    expect(ids(await listAs(asB(), PRODUCTS, "productList", { first: 500 }))).toEqual([product.q]);
    expect(ids(await listAs(asB(), PRODUCTS, "productList", { filter: { manufacturerId: a.maker } }))).toEqual([]);
    expect(ids(await listAs(asB(), BATCHES, "batchList", { first: 500 }))).toEqual([batch.q1!.id]);
    expect(ids(await listAs(asB(), BATCHES, "batchList", { filter: { productId: product.p1 } }))).toEqual([]);
  });

  it("filters batches by product, status and production date", async () => {
    const byProduct = await listAs(asA(), BATCHES, "batchList", { filter: { productId: product.p1 } });
    expect(ids(byProduct)).toEqual([batch.b1!.id, batch.b2!.id]);
    const released = await listAs(asA(), BATCHES, "batchList", {
      filter: { manufacturerId: a.maker, status: "RELEASED" },
    });
    expect(ids(released)).toEqual([batch.b2!.id]);
    const february = await listAs(asA(), BATCHES, "batchList", {
      filter: { manufacturerId: a.maker, producedFrom: "2026-02-01", producedTo: "2026-02-10" },
    });
    expect(ids(february)).toEqual([batch.b2!.id]);
  });

  it("shows a distributor the batch and product it holds, nothing else of the maker's", async () => {
    expect(ids(await listAs(asDistributor(), BATCHES, "batchList", { first: 500 }))).toEqual([batch.b2!.id]);
    expect(ids(await listAs(asDistributor(), PRODUCTS, "productList", { first: 500 }))).toEqual([product.p1]);
  });

  it("lists organisations a party may see: itself and its counterparts; all for a regulator", async () => {
    expect(ids(await listAs(asB(), ORGANIZATIONS, "organizationList", {}))).toEqual([otherMaker]);
    const seen = ids(await listAs(asDistributor(), ORGANIZATIONS, "organizationList", {}));
    expect(seen).toEqual([a.gdDistributor, a.maker].sort());
    const distributors = ids(
      await listAs(principalOf("REGULATOR", null), ORGANIZATIONS, "organizationList", {
        filter: { role: "DISTRIBUTOR", region: "430000" },
      }),
    );
    expect(distributors).toContain(a.hnDistributor);
    expect(distributors).not.toContain(a.gdDistributor);
  });

  it("lists the locations of organisations a party may see", async () => {
    const mine = await listAs<{ id: string }>(asB(), LOCATIONS, "locationList", {});
    expect(ids(mine)).toEqual([`loc-b-${suffix}`]);
    const byOperator = await listAs<{ id: string }>(principalOf("ADMIN", null), LOCATIONS, "locationList", {
      filter: { organizationId: a.maker },
    });
    expect(ids(byOperator)).toEqual([`loc-a-${suffix}`]);
  });

  it("lists a batch's codes by status", async () => {
    const active = await gqlData<{ batch: { codes: Connection<{ status: string }> } }>(CODES, {
      id: batch.b2!.id,
      status: "ACTIVE",
    });
    expect(active.batch.codes.edges.map((e) => e.node.status)).toEqual(["ACTIVE", "ACTIVE"]);
    const printed = await gqlData<{ batch: { codes: Connection<{ status: string }> } }>(CODES, {
      id: batch.b2!.id,
      status: "PRINTED",
    });
    expect(printed.batch.codes.edges).toEqual([]);
  });
});
