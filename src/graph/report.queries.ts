import { query, type Query } from "./query.js";
import { AFFECTED_SETS } from "./recall.queries.js";
import { visibleEdge } from "./visibility-cypher.js";

/**
 * Cypher of the regulator report (追溯报告, issue 16 item 7): the batch a reported code belongs to, every shipment of
 * the goods a recall of the root reaches (交易记录, GB/T 38156) and who holds them now. A party's report (the batch's
 * maker) walks the edges it may see (API-CONTRACT §6), as its recallImpact does; the regulator's walks all.
 */

/** The batch of a reported object: itself when it is a batch, else the batch its code was issued under. */
const BATCH_OF_OBJECT = `
MATCH (o:Obj {key: $key})
RETURN CASE WHEN o:Batch THEN o.id ELSE o.batchId END AS batchId`;

export function batchOfObject(key: string): Query {
  return query("report.batchOfObject", BATCH_OF_OBJECT, { key });
}

/** A batch's recall (召回), when it was recalled: why, what holders should do, when. */
const BATCH_RECALL = `
MATCH (b:Batch {id: $batchId})
RETURN b.status AS status, b.recallReason AS reason, b.recallAdvice AS advice, toString(b.recalledAt) AS recalledAt`;

export function batchRecall(batchId: string): Query {
  return query("report.batchRecall", BATCH_RECALL, { batchId });
}

const ORG = "{.id, .name, .regionCode, .identifiers}";

/**
 * Every shipment of an affected object, one row per shipping event and receiver: when, from whom to whom, where (the
 * event's business location or read point, when registered), and which objects.
 */
export function reportShipments(rootKey: string, scope?: string): Query {
  const scoped = scope !== undefined;
  return query(
    scoped ? "report.shipmentsScoped" : "report.shipments",
    `${scoped ? AFFECTED_SETS.scoped : AFFECTED_SETS.plain}
WITH DISTINCT n
MATCH (n)-[s:SHIPPED_TO]->(to:Organization)${scoped ? `\nWHERE ${visibleEdge("s")}` : ""}
WITH s.eventId AS eventId, s.at AS at, s.fromOrgId AS fromOrgId, to,
     collect(DISTINCT {key: n.key, kind: n.kind, productId: n.productId, batchId: n.batchId}) AS objects
OPTIONAL MATCH (e:Event {eventId: eventId})
OPTIONAL MATCH (from:Organization {id: coalesce(fromOrgId, head(coalesce(e.sourceParties, [])))})
OPTIONAL MATCH (place:Location {id: coalesce(e.bizLocation, e.readPoint)})
RETURN eventId, at, e.type AS type, e.bizStep AS bizStep, from ${ORG} AS from, to ${ORG} AS to,
       place {.id, .name, .regionCode} AS place, objects
ORDER BY at, eventId, to.id`,
    { key: rootKey, ...(scoped ? { scope } : {}) },
  );
}

/**
 * Who holds each affected instance now: the receiver of the latest shipment of it or of a container it is still in;
 * `$makerId` (the batch's maker) for what was never shipped. Counted per holder, with the holder's region.
 */
export function reportHolders(rootKey: string, makerId: string, scope?: string): Query {
  const scoped = scope !== undefined;
  const visible = (r: string) => (scoped ? ` AND ${visibleEdge(r)}` : "");
  return query(
    scoped ? "report.holdersScoped" : "report.holders",
    `${scoped ? AFFECTED_SETS.scoped : AFFECTED_SETS.plain}
WITH DISTINCT n WHERE NOT n.kind IN ["PRODUCT", "LOT"]
CALL (n) {
  OPTIONAL MATCH (n)-[cs:CONTAINED_IN*0..8]->(c:Obj)-[s:SHIPPED_TO]->(to:Organization)
  WHERE all(r IN cs WHERE r.until IS NULL${scoped ? ` AND $scope IN coalesce(r.viewers, [])` : ""})${visible("s")}
  WITH to, s ORDER BY s.at DESC, s.eventId DESC
  RETURN head(collect(to.id)) AS holderId
}
WITH coalesce(holderId, $makerId) AS holderId, count(n) AS objectCount
OPTIONAL MATCH (holder:Organization {id: holderId})
RETURN holderId, holder {.name, .regionCode} AS holder, objectCount
ORDER BY holder.regionCode, holderId`,
    { key: rootKey, makerId, ...(scoped ? { scope } : {}) },
  );
}
