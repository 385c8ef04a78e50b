/**
 * Cypher of the producer's flow (API-CONTRACT §5). Every value is a parameter; the statements run through
 * ProducerRepository / CodeRepository. Native objects use the labels and flow edges of flow-model.ts, so traces,
 * recall and diversion treat them like EPCIS ones.
 */

/** Effective code status: VOID sticks; a code of a released (or recalled) batch is ACTIVE; else as stored. */
const EFFECTIVE_CODE_STATUS = `CASE
  WHEN c.codeStatus = "VOID" THEN "VOID"
  WHEN c.codeStatus = "ACTIVE" OR b.status IN ["RELEASED", "RECALLED"] THEN "ACTIVE"
  ELSE c.codeStatus END`;

/** The fields of a code row, with `c` the code node and `b` its batch (or null). */
const CODE_ROW = `{
  value: c.key, codeType: c.codeType, mode: c.mode, status: ${EFFECTIVE_CODE_STATUS},
  batchId: CASE WHEN c:Batch THEN c.id ELSE c.batchId END,
  productId: CASE WHEN c:Product THEN c.id ELSE c.productId END,
  issuedAt: c.issuedAt, voidReason: c.voidReason }`;

/** Batch of a code: itself when the batch's key is the code. */
const MATCH_CODE_BATCH = `OPTIONAL MATCH (b:Batch) WHERE b.id = CASE WHEN c:Batch THEN c.id ELSE c.batchId END`;

// ---------------------------------------------------------------- products

export const ORGANIZATION = `
OPTIONAL MATCH (o:Organization {id: $id})
RETURN o IS NOT NULL AND o.name IS NOT NULL AS registered, coalesce(o.roles, []) AS roles`;

export const PRODUCT_IDENTITY = `
OPTIONAL MATCH (byId:Product {id: $id})
OPTIONAL MATCH (byKey:Obj {key: $key})
RETURN byId IS NOT NULL AS idTaken, coalesce(byKey:Product, false) AS keyTaken, byKey.kind AS keyKind`;

/**
 * MERGE adopts an object captured from EPCIS under the same key; `taken` reports a product that got there first
 * (a concurrent registration waits on the key's constraint lock, then sees it), and then nothing is written.
 */
export const CREATE_PRODUCT = `
MATCH (m:Organization {id: $product.manufacturerId})
MERGE (p:Obj {key: $product.key})
ON CREATE SET p.createdAt = datetime()
WITH m, p, p:Product AS taken
CALL (m, p, taken) {
  WITH m, p WHERE NOT taken
  SET p:Product, p += $product, p.kind = "PRODUCT", p.registeredAt = datetime()
  FOREACH (_ IN CASE WHEN $isCode THEN [1] ELSE [] END | SET p:Code, p.value = p.key)
  MERGE (p)-[:MADE_BY]->(m)
}
RETURN taken, p {.*} AS product`;

export const PRODUCT_BY_ID = `
MATCH (p:Product {id: $id})
RETURN p {.*} AS product`;

export const PRODUCTS_OF_MANUFACTURER = `
MATCH (p:Product {manufacturerId: $manufacturerId})
RETURN p {.*} AS product
ORDER BY p.id`;

// ---------------------------------------------------------------- batches

export const BATCH_IDENTITY = `
OPTIONAL MATCH (byId:Batch {id: $id})
OPTIONAL MATCH (byKey:Obj {key: $key})
RETURN byId IS NOT NULL AS idTaken, coalesce(byKey:Batch, false) AS keyTaken, byKey.kind AS keyKind`;

/** Like CREATE_PRODUCT: adopts an EPCIS lot of the same key, reports a batch that got there first as `taken`. */
export const CREATE_BATCH = `
MATCH (p:Product {id: $batch.productId})
MERGE (b:Obj {key: $batch.key})
ON CREATE SET b.createdAt = datetime()
WITH p, b, b:Batch AS taken
CALL (p, b, taken) {
  WITH p, b WHERE NOT taken
  SET b:Batch, b += $batch, b.kind = "LOT", b.status = "DRAFT", b.codeCount = 0, b.revision = 0,
      b.productionDate = date($batch.productionDate), b.recordedAt = datetime(), b.manufacturerId = p.manufacturerId
  FOREACH (_ IN CASE WHEN $isCode THEN [1] ELSE [] END | SET b:Code, b.value = b.key)
  MERGE (b)-[:OF_PRODUCT]->(p)
}
RETURN taken`;

export const BATCH_BY_ID = `
MATCH (b:Batch {id: $id})
CALL (b) {
  OPTIONAL MATCH (b)-[:HAS_REVISION]->(r:Revision)
  WITH r ORDER BY r.at, r.id
  RETURN collect(r {.*}) AS revisions
}
RETURN b {.*} AS batch, revisions`;

/**
 * Takes the batch's write lock before reading it (SET of a fresh value always locks), so read-modify-write of its
 * trace info cannot lose a concurrent change.
 */
export const LOCK_BATCH = `
MATCH (b:Batch {id: $id})-[:OF_PRODUCT]->(p:Product)
SET b.lockedAt = datetime()
RETURN b {.*} AS batch, p {.*} AS product`;

export const UPDATE_EXTENDED = `
MATCH (b:Batch {id: $id})
SET b.extended = $extended, b.revision = coalesce(b.revision, 0) + 1, b.updatedAt = datetime($revision.at)
CREATE (r:Revision)
SET r = $revision, r.at = datetime($revision.at), r.batchId = b.id, r.productId = b.productId,
    r.manufacturerId = b.manufacturerId, r.afterCodeIssuance = b.firstCodeIssuedAt IS NOT NULL
CREATE (b)-[:HAS_REVISION]->(r)`;

export const RELEASE_BATCH = `
MATCH (b:Batch {id: $id})-[:OF_PRODUCT]->(p:Product)
SET b.status = "RELEASED", b.releasedAt = datetime()
FOREACH (_ IN CASE WHEN b.codeStatus IN ["GENERATED", "PRINTED"] THEN [1] ELSE [] END | SET b.codeStatus = "ACTIVE")
FOREACH (_ IN CASE WHEN p.codeStatus IN ["GENERATED", "PRINTED"] THEN [1] ELSE [] END | SET p.codeStatus = "ACTIVE")`;

/** A recall: the batch's status and a revision flagged for audit, in one statement. */
export const RECALL_BATCH = `
MATCH (b:Batch {id: $id})
SET b.status = "RECALLED", b.recalledAt = datetime(), b.recallReason = $reason
CREATE (r:Revision {id: $revisionId, reason: $reason, actor: $actor, correction: false, auditRequired: true,
                    recall: true, changes: $changes})
SET r.at = datetime(), r.batchId = b.id, r.productId = b.productId, r.manufacturerId = b.manufacturerId,
    r.afterCodeIssuance = b.firstCodeIssuedAt IS NOT NULL
CREATE (b)-[:HAS_REVISION]->(r)`;

// ---------------------------------------------------------------- codes

export const CREATE_JOB = `
CREATE (j:Job {id: $id, kind: $kind, status: "RUNNING", total: $total, done: 0, batchId: $batchId,
               createdAt: datetime()})`;

export const JOB_PROGRESS = `
MATCH (j:Job {id: $id})
SET j.done = j.done + $written, j.updatedAt = datetime()`;

export const FINISH_JOB = `
MATCH (j:Job {id: $id})
SET j.status = $status, j.error = $error, j.finishedAt = datetime()`;

export const JOB_BY_ID = `
MATCH (j:Job {id: $id})
RETURN j {.*} AS job`;

/**
 * One chunk of item, bundle, mother or segment codes under a batch: CREATE (not MERGE), so a code that exists
 * already violates the Obj.key / Code.value constraints and the chunk is retried with fresh codes instead of
 * silently adopting someone else's code. Nothing is SET on the batch; the IN_LOT edges only add relationships.
 * The status guard stops a long job from adding codes once the batch has been released.
 */
export const ISSUE_CHUNK = `
MATCH (b:Batch {id: $batchId})
WHERE b.status IN ["DRAFT", "CODED"]
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code, kind: $kind, codeType: $codeType, mode: $mode, codeStatus: "GENERATED",
                    batchId: b.id, productId: b.productId, issueId: $issueId, issuedAt: datetime($at)})
CREATE (b)-[:IN_LOT {eventId: $eventId, at: datetime($at), quantityLevel: false}]->(c)
RETURN count(c) AS written`;

/** Counts and status on the batch, once per issuance (never per chunk: the batch node is not a hot spot). */
export const FINISH_ISSUE = `
MATCH (b:Batch {id: $batchId})
SET b.codeCount = coalesce(b.codeCount, 0) + $issued,
    b.status = CASE b.status WHEN "DRAFT" THEN "CODED" ELSE b.status END,
    b.firstCodeIssuedAt = coalesce(b.firstCodeIssuedAt, datetime($at))`;

/** 一品一码 / 一批一码: the product's or batch's own key is its code; issuing it again changes nothing. */
export const ISSUE_OWN_CODE = `
MATCH (c:Obj {key: $key})
WITH c, c.codeStatus IS NULL AS fresh
SET c.codeType = coalesce(c.codeType, $codeType), c.mode = $mode, c.codeStatus = coalesce(c.codeStatus, "GENERATED"),
    c.issuedAt = coalesce(c.issuedAt, datetime($at)), c.issueId = coalesce(c.issueId, $issueId)
RETURN fresh, c.issueId AS issueId`;

export const CODES_BY_KEYS = `
UNWIND $keys AS key
MATCH (c:Obj {key: key}) WHERE c.codeType IS NOT NULL
${MATCH_CODE_BATCH}
RETURN ${CODE_ROW} AS code`;

export const CODES_OF_ISSUE = `
MATCH (c:Code {issueId: $issueId})
WHERE $after IS NULL OR c.value > $after
WITH c ORDER BY c.value LIMIT $limit
${MATCH_CODE_BATCH}
RETURN ${CODE_ROW} AS code`;

/** A page of a batch's codes in value order; only the filters asked for, so (batchId, value) serves the page. */
export function codesOfBatchQuery(filters: { codeType: boolean; after: boolean }): string {
  const where = [
    ...(filters.codeType ? ["c.codeType = $codeType"] : []),
    ...(filters.after ? ["c.value > $after"] : []),
  ];
  return `
MATCH (c:Code {batchId: $batchId})
${where.length ? `WHERE ${where.join(" AND ")}` : ""}
WITH c ORDER BY c.value LIMIT $limit
${MATCH_CODE_BATCH}
RETURN ${CODE_ROW} AS code`;
}

export const COUNT_OF_ISSUE = `
MATCH (c:Code {issueId: $issueId})
RETURN count(c) AS issued`;

export const VOID_CODE = `
MATCH (c:Obj {key: $key}) WHERE c.codeType IS NOT NULL
SET c.codeStatus = "VOID", c.voidReason = coalesce(c.voidReason, $reason), c.voidedAt = coalesce(c.voidedAt, datetime())
WITH c
${MATCH_CODE_BATCH}
RETURN ${CODE_ROW} AS code`;

export const MARK_PRINTED_KEYS = `
UNWIND $keys AS key
MATCH (c:Obj {key: key}) WHERE c.codeStatus = "GENERATED"
SET c.codeStatus = "PRINTED", c.printedAt = datetime()
RETURN count(c) AS marked`;

/** One chunk of a batch's unprinted codes; the caller repeats it until none are left, one transaction each. */
export const MARK_PRINTED_BATCH_CHUNK = `
MATCH (c:Code {batchId: $batchId}) WHERE c.codeStatus = "GENERATED"
WITH c LIMIT $limit
SET c.codeStatus = "PRINTED", c.printedAt = datetime()
RETURN count(c) AS marked`;

// ---------------------------------------------------------------- linking (组合多码, 子母码)

/**
 * The parent with its batch; when `lock`, it takes the parent's write lock first, so concurrent links to one mother
 * code cannot both pass the overlap check.
 */
export function parentQuery(lock: boolean): string {
  return `
MATCH (c:Obj {key: $key})
${lock ? "SET c.linkedAt = datetime()" : ""}
WITH c
${MATCH_CODE_BATCH}
RETURN c {.*} AS parent, b.quantity AS batchQuantity, b.unit AS batchUnit`;
}

export const SET_PARENT_LENGTH = `
MATCH (c:Obj {key: $key})
SET c.length = $length, c.lengthUnit = $unit`;

export const CHILDREN = `
UNWIND $keys AS key
OPTIONAL MATCH (c:Obj {key: key})
OPTIONAL MATCH (c)-[r:CONTAINED_IN]->(p:Obj) WHERE r.until IS NULL
RETURN key, c IS NOT NULL AS known, c.kind AS kind, c.codeType AS codeType, collect(p.key) AS parents`;

/** Objects the parent is (transitively) contained in: linking one of them into the parent would close a cycle. */
export const CONTAINERS_OF = `
MATCH (:Obj {key: $key})-[r:CONTAINED_IN*1..32]->(c:Obj)
WHERE all(x IN r WHERE x.until IS NULL)
RETURN collect(DISTINCT c.key) AS keys`;

export const SEGMENTS_OF_PARENT = `
MATCH (c:Obj)-[r:CONTAINED_IN]->(:Obj {key: $key})
WHERE r.until IS NULL
RETURN c.key AS code, r.segmentStart AS start, r.segmentEnd AS end, r.unit AS unit
ORDER BY start, code`;

export const OBJECT_BY_KEY = `
MATCH (o:Obj {key: $key})
RETURN o {.*} AS object`;

// ---------------------------------------------------------------- shipments and scans

/** What a shipment or scan needs to know of each object: known, its code status, its batch's status. */
export const OBJECT_STATES = `
UNWIND $keys AS key
OPTIONAL MATCH (c:Obj {key: key})
${MATCH_CODE_BATCH}
RETURN key, c IS NOT NULL AS known, c.codeStatus AS codeStatus, b.id AS batchId, b.status AS batchStatus`;

export const EVENT_BY_ID = `
MATCH (e:Event {eventId: $eventId})
RETURN e.document AS document`;

// ---------------------------------------------------------------- data quality and audit

/** Batches with their product and revision flags, for one batch or all of a manufacturer's (indexed either way). */
export function qualityRowsQuery(by: "batch" | "manufacturer"): string {
  const match = by === "batch" ? "(b:Batch {id: $batchId})" : "(b:Batch {manufacturerId: $manufacturerId})";
  return `
MATCH ${match}-[:OF_PRODUCT]->(p:Product)
CALL (b) {
  OPTIONAL MATCH (b)-[:HAS_REVISION]->(r:Revision)
  RETURN collect(r {.correction, .afterCodeIssuance}) AS revisions
}
RETURN b {.*} AS batch, p {.*} AS product, revisions
ORDER BY b.id`;
}

/** Audit-log filters: only the predicates asked for go into the query, so each can use its index. */
const AUDIT_FILTERS = {
  batchId: "r.batchId = $batchId",
  manufacturerId: "r.manufacturerId = $manufacturerId",
  correctionsOnly: "r.correction = true",
  after: "(r.at < datetime($afterAt) OR (r.at = datetime($afterAt) AND r.id > $afterId))",
} as const;

export function auditLogQuery(filters: readonly (keyof typeof AUDIT_FILTERS)[]): string {
  const where = filters.length ? `WHERE ${filters.map((f) => AUDIT_FILTERS[f]).join(" AND ")}` : "";
  return `
MATCH (r:Revision)
${where}
RETURN r {.*} AS revision
ORDER BY r.at DESC, r.id ASC
LIMIT $limit`;
}
