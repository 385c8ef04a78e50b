import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * Cypher of the public HTTP pieces (consumer page, label sheets, code lists). Read-only: a page view is recorded by
 * consumer-visit.queries.ts. Node shapes are the producer's (producer-model.ts) and the
 * flow graph's (flow-model.ts).
 */

/** Regions listed on the consumer page at most; a code scanned in more places is suspicious long before that. */
export const MAX_SCAN_REGIONS = 20;

/**
 * Everything the consumer page shows about one object, in one read. The batch is the object itself, the batch the
 * code was issued under (`batchId`), or the producer batch that holds it as a lot member; the product likewise, or
 * the GS1 product class of the object's GTIN (`$productKey`). EPCIS objects with no producer batch still get their
 * lot (`lotKey`) and their scans.
 */
const TRACE_VIEW = `
MATCH (o:Obj {key: $key})
CALL (o) {
  OPTIONAL MATCH (byId:Batch {id: o.batchId})
  OPTIONAL MATCH (lot:Obj)-[:IN_LOT]->(o)
  RETURN CASE WHEN o:Batch THEN o WHEN byId IS NOT NULL THEN byId WHEN lot:Batch THEN lot END AS b, lot
  ORDER BY b IS NULL, lot.key
  LIMIT 1
}
CALL (o, b) {
  OPTIONAL MATCH (b)-[:OF_PRODUCT]->(viaBatch:Product)
  OPTIONAL MATCH (byId:Product {id: o.productId})
  OPTIONAL MATCH (byGtin:Obj {key: $productKey}) WHERE byGtin:Product
  RETURN CASE WHEN o:Product THEN o ELSE coalesce(viaBatch, byId, byGtin) END AS p
  LIMIT 1
}
OPTIONAL MATCH (p)-[:MADE_BY]->(m:Organization)
CALL (o) {
  OPTIONAL MATCH (s:Scan)-[:OF]->(o)
  WITH s.regionCode AS region, count(s) AS scans, min(s.at) AS first, max(s.at) AS last
  ORDER BY scans DESC, region
  RETURN collect(CASE WHEN scans > 0 THEN {region: region, scans: scans, first: first, last: last} END) AS regions
}
RETURN o {.*} AS object, b {.*} AS batch, lot.key AS lotKey, p {.*} AS product, m {.id, .name, .servicePhone, .address, .website} AS manufacturer,
       regions[0..${MAX_SCAN_REGIONS}] AS regions, reduce(n = 0, r IN regions | n + r.scans) AS totalScans`;

export function traceView(key: string, productKey: string | null): Query {
  return query("consumer.traceView", TRACE_VIEW, { key, productKey });
}

/** The batch a label sheet or code list is for, with what every label may print: product, production date, maker. */
const LABEL_BATCH = `
MATCH (b:Batch {id: $batchId})
OPTIONAL MATCH (b)-[:OF_PRODUCT]->(p:Product)
OPTIONAL MATCH (p)-[:MADE_BY]->(m:Organization)
RETURN b {.id, .key, .batchNo, .status, productionDate: toString(b.productionDate)} AS batch,
       p {.id, .name, .model} AS product, m.name AS maker`;

export function labelBatch(batchId: string): Query {
  return query("labels.batch", LABEL_BATCH, { batchId });
}

/**
 * One keyset page of a batch's printable codes, in key order: the codes issued under it, plus its own code
 * (一批一码) and, for 一品一码, the product's, once they are issued (`codeType` set). Each with its code type, a
 * segment's range along its mother code (子母码) and a mother code's length, for the labels that print them.
 * Keyset, not SKIP, so paging 10,000 codes costs the same per page and a code issued meanwhile cannot shift the pages.
 */
function batchCodePageText(after: boolean): string {
  return `
MATCH (b:Batch {id: $batchId})
OPTIONAL MATCH (b)-[:OF_PRODUCT]->(p:Product)
CALL (b, p) {
  // The (batchId, value) index hands the codes over in value order from the keyset position: a page costs its own
  // size however many codes the batch has (a predicate on both properties lets the index serve it; see codesOfIssue).
  // ORDER BY names both of the index's properties (batchId is one value here): by c.value alone the planner reads
  // the whole rest of the batch and keeps the top (Top over every later code, a quadratic export).
  MATCH (c:Code {batchId: $batchId})
  WHERE ${after ? "c.value > $after" : "c.value IS NOT NULL"}
  WITH c ORDER BY c.batchId, c.value LIMIT $limit
  RETURN c
  UNION
  UNWIND [b, p] AS c
  WITH c
  WHERE c.codeType IS NOT NULL AND (c:Batch OR c.traceMode = "PER_PRODUCT")${after ? " AND c.key > $after" : ""}
  RETURN c
}
WITH c
ORDER BY c.key
LIMIT $limit
CALL (c) {
  OPTIONAL MATCH (c)-[r:CONTAINED_IN]->(:Obj)
  WHERE r.until IS NULL AND r.segmentStart IS NOT NULL
  RETURN r
  ORDER BY r.at DESC
  LIMIT 1
}
RETURN c.key AS key, c.codeType AS codeType, r.segmentStart AS segmentStart, r.segmentEnd AS segmentEnd,
       coalesce(r.unit, c.lengthUnit) AS unit, c.length AS length
ORDER BY key`;
}

export function batchCodePage(batchId: string, after: string | null, limit: number): Query {
  return query("labels.codePage", batchCodePageText(after !== null), {
    batchId,
    after,
    limit: neo4j.int(Math.max(1, Math.trunc(limit))),
  });
}

/**
 * One keyset page of the codes issued under a batch, in value order, for the code list: the (batchId, value) index
 * hands them over in order from the keyset position (no sort, a page costs its own size however big the batch), each
 * with its stored status (ORDER BY names both index properties so the index provides the order: with `c.value` alone
 * the planner reads every later code of the batch and sorts, per page), as ONE record holding the page's
 * `[value, status]` pairs: a million codes cost the driver a
 * few hundred records instead of a million. The batch's own code and its product's (batchOwnCodes) are merged in by
 * the caller.
 */
function batchCodeValuePageText(after: boolean): string {
  return `
MATCH (c:Code {batchId: $batchId})
WHERE ${after ? "c.value > $after" : "c.value IS NOT NULL"}
WITH c ORDER BY c.batchId, c.value LIMIT $limit
RETURN collect([c.value, c.codeStatus]) AS rows`;
}

export function batchCodeValuePage(batchId: string, after: string | null, limit: number): Query {
  return query("labels.codeValuePage", batchCodeValuePageText(after !== null), {
    batchId,
    after,
    limit: neo4j.int(Math.max(1, Math.trunc(limit))),
  });
}

/** A batch's own code (一批一码) and, for 一品一码, its product's, once issued, with their stored status. */
const BATCH_OWN_CODES = `
MATCH (b:Batch {id: $batchId})
OPTIONAL MATCH (b)-[:OF_PRODUCT]->(p:Product)
UNWIND [b, p] AS c
WITH c
WHERE c.codeType IS NOT NULL AND (c:Batch OR c.traceMode = "PER_PRODUCT")
RETURN c.key AS key, c.codeStatus AS status, c:Product AS ofProduct
ORDER BY key`;

export function batchOwnCodes(batchId: string): Query {
  return query("labels.ownCodes", BATCH_OWN_CODES, { batchId });
}
