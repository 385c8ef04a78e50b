import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * Cypher of the consumer page's own writes and extra reads: a page view recorded as an anonymous consumer scan, and
 * what the page adds to the trace view (the consumer queries, a bundle's contents, a segment's range, the warranty).
 */

/** What a page view stores: the viewer only as a keyed hash, the region only when the visit named a valid one. */
export interface ConsumerViewWrite {
  id: string;
  objectKey: string;
  viewer: string;
  regionCode: string | null;
}

/**
 * A page view as a Scan of role CONSUMER (scanStatistics counts it), `source` CONSUMER_PAGE. It carries no event and is
 * never judged for diversion (a consumer's region is unverified). Nothing is written when the object is unknown or
 * the same viewer viewed it within the window (found through the scan_viewer index, migration 10).
 */
const RECORD_VIEW = `
MATCH (o:Obj {key: $view.objectKey})
WITH o, EXISTS {
  MATCH (seen:Scan {viewer: $view.viewer})
  WHERE seen.objectKey = o.key AND seen.at >= datetime() - duration({seconds: $windowSeconds})
} AS seen
CALL (o, seen) {
  WITH o WHERE NOT seen
  CREATE (s:Scan {id: $view.id, objectKey: o.key, at: datetime(), role: "CONSUMER", source: "CONSUMER_PAGE",
                  viewer: $view.viewer, regionCode: $view.regionCode})
  CREATE (s)-[:OF]->(o)
}
RETURN NOT seen AS recorded`;

export function recordConsumerView(view: ConsumerViewWrite, windowSeconds: number): Query {
  return query("consumer.recordView", RECORD_VIEW, { view: { ...view }, windowSeconds: neo4j.int(windowSeconds) });
}

/** Contents listed on a page at most (a mother code of a long cable has a few dozen segments). */
export const MAX_CONTENTS = 200;

/**
 * The page's extras for one object: its consumer queries (count, first, distinct viewers and provinces), what it
 * contains now (bundle items, segments, with their ranges and products), what it is contained in now (a segment's
 * own range on its mother code), and its warranty registration without the phone's hash.
 */
const PAGE_EXTRAS = `
MATCH (o:Obj {key: $key})
CALL (o) {
  OPTIONAL MATCH (s:Scan {objectKey: o.key}) WHERE s.role = "CONSUMER"
  RETURN count(s) AS queries, min(s.at) AS firstQueryAt, count(DISTINCT coalesce(s.viewer, s.id)) AS viewers,
         count(DISTINCT left(s.regionCode, 2)) AS provinces
}
CALL (o) {
  OPTIONAL MATCH (c:Obj)-[r:CONTAINED_IN]->(o) WHERE r.until IS NULL
  OPTIONAL MATCH (cp:Product {id: c.productId})
  WITH c, r, cp ORDER BY r.segmentStart, c.key
  RETURN collect(CASE WHEN c IS NOT NULL THEN {key: c.key, kind: c.kind, codeType: c.codeType, product: cp.name,
                 model: cp.model, start: r.segmentStart, end: r.segmentEnd, unit: r.unit} END) AS contents
}
CALL (o) {
  OPTIONAL MATCH (o)-[r:CONTAINED_IN]->(p:Obj) WHERE r.until IS NULL
  WITH p, r ORDER BY p.key
  RETURN collect(CASE WHEN p IS NOT NULL THEN {key: p.key, codeType: p.codeType, start: r.segmentStart,
                 end: r.segmentEnd, unit: r.unit} END) AS containers
}
OPTIONAL MATCH (w:WarrantyRegistration {objectKey: o.key})
RETURN queries, firstQueryAt, viewers, provinces, contents[0..${MAX_CONTENTS}] AS contents, size(contents) AS contentCount,
       containers, w {.purchaseDate, .regionCode, .phoneLast4, .registeredAt, .validUntil} AS warranty`;

export function pageExtras(key: string): Query {
  return query("consumer.pageExtras", PAGE_EXTRAS, { key });
}
