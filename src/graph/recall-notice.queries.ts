import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";
import { MAX_DEPTH } from "./trace.queries.js";
import { visibleEdge } from "./visibility-cypher.js";

/**
 * Recall notices (issue 18 item 3): `(:RecallNotice {id, batchId, revisionId, manufacturerId, holderId, reason,
 * instructions, objectKeys, objectCount, createdAt, acknowledgedAt, acknowledgedBy, note})`, one per organisation
 * holding affected goods, written in the recall's own transaction (nothing is lost if the process dies after it).
 */

const FLOW = "TRANSFORMED_INTO|IN_LOT|CONTAINED_IN";

/** Object keys a notice lists at most (its objectCount counts them all; recallImpact pages the rest). */
export const NOTICE_OBJECT_KEYS = 1000;

export const RECALL_INSTRUCTIONS =
  "停止销售并隔离所列产品，联系生产企业安排退回或处置。" +
  " Stop selling and quarantine the objects listed, then contact the maker to return or dispose of them.";

/**
 * The holders of a recalled batch as its maker's recallImpact finds them (`$scope`: the maker; downstream over the
 * edges it may see, then the organisations those objects were shipped to), each sent a notice with the objects it
 * was shipped.
 */
const CREATE_NOTICES = `
MATCH (root:Batch {id: $batchId})
CALL (root) {
  MATCH ANY SHORTEST (root)((a)-[r:${FLOW}]->(b) WHERE ${visibleEdge("r")}){0,${MAX_DEPTH}}(n:Obj)
  RETURN DISTINCT n
}
MATCH (n)-[s:SHIPPED_TO]->(org:Organization)
WHERE ${visibleEdge("s")} AND org.id <> $scope
WITH root, org, collect(DISTINCT n.key) AS keys
MERGE (notice:RecallNotice {id: $revisionId + "|" + org.id})
ON CREATE SET notice.batchId = root.id, notice.revisionId = $revisionId, notice.manufacturerId = $scope,
              notice.holderId = org.id, notice.reason = $reason, notice.instructions = $instructions,
              notice.objectKeys = keys[0..$maxKeys], notice.objectCount = size(keys), notice.createdAt = datetime()
RETURN count(notice) AS notices, collect(notice.id) AS ids`;

export function createRecallNotices(batchId: string, manufacturerId: string, revisionId: string, reason: string) {
  return query("recallNotices.create", CREATE_NOTICES, {
    batchId,
    scope: manufacturerId,
    revisionId,
    reason,
    instructions: RECALL_INSTRUCTIONS,
    maxKeys: neo4j.int(NOTICE_OBJECT_KEYS),
  });
}

const FIELDS = `notice {.id, .batchId, .manufacturerId, .holderId, .reason, .instructions, .objectKeys, .objectCount,
  .acknowledgedBy, .note, createdAt: toString(notice.createdAt), acknowledgedAt: toString(notice.acknowledgedAt),
  holderName: holder.name} AS notice`;

const OF_BATCH = `
MATCH (notice:RecallNotice {batchId: $batchId})
WHERE $holderId IS NULL OR notice.holderId = $holderId
OPTIONAL MATCH (holder:Organization {id: notice.holderId})
RETURN ${FIELDS}
ORDER BY notice.createdAt DESC, notice.holderId
LIMIT $limit`;

/** A batch's notices (all of them, or the one holder's). */
export function recallNoticesOfBatch(batchId: string, holderId: string | null, limit: number): Query {
  return query("recallNotices.ofBatch", OF_BATCH, { batchId, holderId, limit: neo4j.int(limit) });
}

const OF_HOLDER = `
MATCH (notice:RecallNotice {holderId: $holderId})
OPTIONAL MATCH (holder:Organization {id: notice.holderId})
RETURN ${FIELDS}
ORDER BY notice.createdAt DESC, notice.id
LIMIT $limit`;

/** The notices an organisation received, newest first. */
export function recallNoticesOfHolder(holderId: string, limit: number): Query {
  return query("recallNotices.ofHolder", OF_HOLDER, { holderId, limit: neo4j.int(limit) });
}

const BY_IDS = `
UNWIND range(0, size($ids) - 1) AS i
MATCH (notice:RecallNotice {id: $ids[i]})
WHERE $holderId IS NULL OR notice.holderId = $holderId
OPTIONAL MATCH (holder:Organization {id: notice.holderId})
RETURN ${FIELDS}
ORDER BY i`;

/** The notices among `ids` sent to `holderId` (every one for null), in the order of `ids`. */
export function recallNoticesByIds(ids: readonly string[], holderId: string | null): Query {
  return query("recallNotices.byIds", BY_IDS, { ids: [...ids], holderId });
}

const BY_ID = `
MATCH (notice:RecallNotice {id: $id})
OPTIONAL MATCH (holder:Organization {id: notice.holderId})
RETURN ${FIELDS}`;

export function recallNoticeById(id: string): Query {
  return query("recallNotices.byId", BY_ID, { id });
}

const ACKNOWLEDGE = `
MATCH (notice:RecallNotice {id: $id})
SET notice.acknowledgedAt = coalesce(notice.acknowledgedAt, datetime()),
    notice.acknowledgedBy = coalesce(notice.acknowledgedBy, $actor),
    notice.note = coalesce(notice.note, $note)
WITH notice
OPTIONAL MATCH (holder:Organization {id: notice.holderId})
RETURN ${FIELDS}`;

/** Acknowledges a notice once (acknowledging it again changes nothing). */
export function acknowledgeRecallNotice(id: string, actor: string, note: string | null): Query {
  return query("recallNotices.acknowledge", ACKNOWLEDGE, { id, actor, note });
}
