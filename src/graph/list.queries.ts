import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";
import { visibleObject, visibleOrganization, visibleProduct } from "./visibility-cypher.js";

/**
 * The lists of issue 14 item 8 (products, batches, organisations, locations) as Relay pages in id order: each page
 * walks the unique id index from the cursor (`x.id > $afterId`, "" on the first page: a range seek that returns ids
 * in order) and stops after `$fetch` rows that pass the filters and, for a party's view, the API-CONTRACT §6
 * predicate of the lookups by id (visibility-cypher.ts), inside the statement. Only the filters asked for go in.
 *
 * Cost: a party's page reads the index until it has found `$fetch` visible rows, which is little for a party that
 * sees much and the whole index for one that sees little (as the alert and event pages, issue 12).
 */

export interface ListPage {
  afterId: string;
  fetch: number;
}

function page(
  name: string,
  match: string,
  filters: readonly string[],
  visible: string,
  row: string,
  params: Record<string, unknown>,
  at: ListPage,
  scope?: string,
): Query {
  const alias = match.slice(1, match.indexOf(":"));
  const where = [`${alias}.id > $afterId`, ...filters, ...(scope === undefined ? [] : [visible])];
  const text = `
MATCH ${match}
WHERE ${where.join("\n  AND ")}
WITH ${alias} ORDER BY ${alias}.id LIMIT $fetch
RETURN ${row}`;
  const all = { ...params, afterId: at.afterId, fetch: neo4j.int(at.fetch) };
  return query(scope === undefined ? name : `${name}Scoped`, text, scope === undefined ? all : { ...all, scope });
}

/** Region coverage as everywhere (GB/T 2260): `xx0000` a province, `xxxx00` a prefecture, else the code itself. */
function inRegion(property: string): string {
  return `CASE WHEN $region ENDS WITH "0000" THEN left(${property}, 2) = left($region, 2)
           WHEN $region ENDS WITH "00" THEN left(${property}, 4) = left($region, 4)
           ELSE ${property} = $region END`;
}

export interface ProductListFilter {
  manufacturerId: string | null;
  category: string | null;
}

export function productPage(filter: ProductListFilter, at: ListPage, scope?: string): Query {
  const filters = [
    ...(filter.manufacturerId !== null ? ["p.manufacturerId = $manufacturerId"] : []),
    ...(filter.category !== null ? ["p.category = $category"] : []),
  ];
  return page(
    "lists.products",
    "(p:Product)",
    filters,
    visibleProduct("p"),
    "p {.*} AS product",
    { ...filter },
    at,
    scope,
  );
}

export interface BatchListFilter {
  productId: string | null;
  manufacturerId: string | null;
  status: string | null;
  /** Production dates, YYYY-MM-DD, both inclusive. */
  producedFrom: string | null;
  producedTo: string | null;
}

export function batchPage(filter: BatchListFilter, at: ListPage, scope?: string): Query {
  const filters = [
    ...(filter.productId !== null ? ["b.productId = $productId"] : []),
    ...(filter.manufacturerId !== null ? ["b.manufacturerId = $manufacturerId"] : []),
    ...(filter.status !== null ? ["b.status = $status"] : []),
    ...(filter.producedFrom !== null ? ["b.productionDate >= date($producedFrom)"] : []),
    ...(filter.producedTo !== null ? ["b.productionDate <= date($producedTo)"] : []),
  ];
  // A batch as batchVisibleTo sees it: its maker, or a party that may see the batch as an object.
  const visible = `(b.manufacturerId = $scope OR ${visibleObject("b")})`;
  const row = `b {.*} AS batch, COLLECT {
  MATCH (b)-[:HAS_REVISION]->(r:Revision) RETURN r {.*} AS revision ORDER BY r.at, r.id
} AS revisions`;
  return page("lists.batches", "(b:Batch)", filters, visible, row, { ...filter }, at, scope);
}

export interface OrganizationListFilter {
  role: string | null;
  region: string | null;
}

export function organizationPage(filter: OrganizationListFilter, at: ListPage, scope?: string): Query {
  const filters = [
    ...(filter.role !== null ? ["$role IN coalesce(o.roles, [])"] : []),
    ...(filter.region !== null ? [`o.regionCode IS NOT NULL AND ${inRegion("o.regionCode")}`] : []),
  ];
  return page(
    "lists.organizations",
    "(o:Organization)",
    filters,
    visibleOrganization("o"),
    "o {.*} AS org",
    { ...filter },
    at,
    scope,
  );
}

export interface LocationListFilter {
  organizationId: string | null;
  region: string | null;
}

/** A party sees the locations of the organisations it may see (itself included); unowned ones are the operator's. */
export function locationPage(filter: LocationListFilter, at: ListPage, scope?: string): Query {
  const filters = [
    ...(filter.organizationId !== null ? ["l.organizationId = $organizationId"] : []),
    ...(filter.region !== null ? [inRegion("l.regionCode")] : []),
  ];
  const visible = `EXISTS { MATCH (l)-[:OPERATED_BY]->(o:Organization) WHERE ${visibleOrganization("o")} }`;
  return page("lists.locations", "(l:Location)", filters, visible, "l {.*} AS location", { ...filter }, at, scope);
}
