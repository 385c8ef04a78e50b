import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";
import type { IssueChunk } from "./trace-code.repository.js";

/**
 * Cypher of the producer's codes (API-CONTRACT §5): bulk issuance and its jobs, lookup, lifecycle, linking (组合多码,
 * 子母码) and the object states shipments and scans check. Every value is a parameter; the statements run through
 * TraceCodeRepository (a market scan's one statement is in scan.queries.ts).
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

/** LIMIT needs a Neo4j integer: a JS number arrives as a float and is refused. */
const limitInt = (value: number) => neo4j.int(value);

// ---------------------------------------------------------------- jobs

const JOB_BY_ID = `
MATCH (j:Job {id: $id})
RETURN j {.*} AS job`;

export function jobById(id: string): Query {
  return query("codes.jobById", JOB_BY_ID, { id });
}

// ---------------------------------------------------------------- issuance

/**
 * One chunk of item, bundle, mother or segment codes under a batch: CREATE (not MERGE), so a code that exists
 * already violates the Obj.key constraint (a code's value is its key) and the chunk is retried with fresh codes instead of
 * silently adopting someone else's code. Nothing is SET on the batch; the IN_LOT edges only add relationships.
 * The status guard stops a long job from adding codes once the batch has been released.
 */
const ISSUE_CHUNK = `
MATCH (b:Batch {id: $batchId})
WHERE b.status IN ["DRAFT", "CODED"]
// Everything a code shares with its chunk is computed once per chunk, before the UNWIND: the CREATEs alone run per code.
// Who may see the lot-to-item edges (viewers.queries.ts): the maker, and whoever follows the lot.
// Issuance originates the items for the batch's maker (API-CONTRACT §6): marks set here, as visibility.queries.ts
// would set them, since nothing can follow a code that did not exist a moment ago. The items came into being with
// their batch, on its production day: shipments recorded with that day's dates are the maker's to grant (held).
// The maker originated them by this issuance, at its time: their history runs to then (the batch's and what it was
// made of are raised to the same time when the issuance ends: trace-code.repository.ts finishIssue).
WITH b, reduce(acc = [b.manufacturerId], p IN coalesce(b.fol, []) | CASE WHEN p IN acc THEN acc ELSE acc + p END) AS viewers,
     [b.manufacturerId] AS makers, datetime({date: b.productionDate, timezone: "+08:00"}) AS produced,
     datetime($at) AS issuedAt
WITH b, viewers, makers, produced, issuedAt, [b.manufacturerId + "|" + toString(toInteger(produced.epochMillis))] AS since,
     [b.manufacturerId + "|" + toString(toInteger(
       CASE WHEN issuedAt > produced THEN issuedAt.epochMillis ELSE produced.epochMillis END))] AS originated
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code, kind: $kind, codeType: $codeType, mode: $mode, codeStatus: "GENERATED",
                    batchId: b.id, productId: b.productId, issueId: $issueId, issuedAt: issuedAt,
                    fol: makers, held: since, hist: originated})
// The item is in its lot from the production day, not from the moment its code was recorded.
CREATE (b)-[:IN_LOT {eventId: $eventId, at: produced, quantityLevel: false, parties: makers, viewers: viewers}]->(c)
RETURN count(c) AS written`;

/** The chunk's codes; its job's checkpoint is a separate statement (job.queries.ts jobProgress) in the same transaction. */
export function issueChunk(chunk: Omit<IssueChunk, "job" | "seeEvent" | "mothers">): Query {
  return query("codes.issueChunk", ISSUE_CHUNK, { ...chunk });
}

/**
 * 子母码 lengths given at issuance: their sum (in the batch's unit) is added to the batch's sum of mothers, which
 * takes the batch's write lock, so two issuances (or an issuance and a link) cannot both pass the quantity check.
 */
const ADD_MOTHER_LENGTH = `
MATCH (b:Batch {id: $batchId})
SET b.motherLength = coalesce(b.motherLength, 0.0) + $batchDelta
RETURN b.motherLength AS total, b.quantity AS quantity, b.unit AS unit`;

export function addMotherLength(batchId: string, batchDelta: number): Query {
  return query("codes.addMotherLength", ADD_MOTHER_LENGTH, { batchId, batchDelta });
}

/** Each mother's length as given at issuance, as a first link would have stored it. */
const SET_MOTHER_LENGTHS = `
UNWIND $rows AS row
MATCH (c:Obj:Code {key: row.code})
SET c.length = row.length, c.lengthUnit = $unit`;

export function setMotherLengths(rows: readonly { code: string; length: number | null }[], unit: string): Query {
  return query("codes.setMotherLengths", SET_MOTHER_LENGTHS, { rows, unit });
}

/** Counts and status on the batch, once per issuance (never per chunk: the batch node is not a hot spot). */
const FINISH_ISSUE = `
MATCH (b:Batch {id: $batchId})
SET b.codeCount = coalesce(b.codeCount, 0) + $issued,
    b.status = CASE b.status WHEN "DRAFT" THEN "CODED" ELSE b.status END,
    b.firstCodeIssuedAt = coalesce(b.firstCodeIssuedAt, datetime($at))
RETURN b.key AS batchKey, b.manufacturerId AS maker`;

export function finishIssue(batchId: string, issued: number, at: string): Query {
  return query("codes.finishIssue", FINISH_ISSUE, { batchId, issued, at });
}

/** 一品一码 / 一批一码: the product's or batch's own key is its code; issuing it again changes nothing. */
const ISSUE_OWN_CODE = `
MATCH (c:Obj {key: $key})
WITH c, c.codeStatus IS NULL AS fresh
SET c.codeType = coalesce(c.codeType, $codeType), c.mode = $mode, c.codeStatus = coalesce(c.codeStatus, "GENERATED"),
    c.issuedAt = coalesce(c.issuedAt, datetime($at)), c.issueId = coalesce(c.issueId, $issueId)
// 一品一码 issuance originates the product for its maker (a batch was originated when it was recorded).
WITH c, fresh, CASE WHEN c.manufacturerId IS NULL OR c.manufacturerId IN coalesce(c.fol, []) THEN [] ELSE [c.manufacturerId] END AS maker
FOREACH (m IN maker | SET c.fol = coalesce(c.fol, []) + m,
                          c.held = coalesce(c.held, []) + (m + "|" + toString(toInteger(datetime($at).epochMillis))),
                          c.hist = coalesce(c.hist, []) + (m + "|" + toString(toInteger(datetime($at).epochMillis))))
RETURN fresh, c.issueId AS issueId`;

export function issueOwnCode(params: {
  key: string;
  codeType: string;
  mode: string;
  issueId: string;
  at: string;
}): Query {
  return query("codes.issueOwnCode", ISSUE_OWN_CODE, { ...params });
}

// ---------------------------------------------------------------- lookup and lifecycle

const CODES_BY_KEYS = `
UNWIND $keys AS key
MATCH (c:Obj {key: key}) WHERE c.codeType IS NOT NULL
${MATCH_CODE_BATCH}
RETURN ${CODE_ROW} AS code`;

export function codesByKeys(keys: readonly string[]): Query {
  return query("codes.byKeys", CODES_BY_KEYS, { keys });
}

/**
 * A page of an issuance's codes in value order, after the keyset position `after`. The (issueId, value) index serves
 * only a statement with a predicate on both properties: `c.value > $after`, or on the first page `c.value IS NOT
 * NULL` (every code has its value); `$after IS NULL OR ...` or issueId alone would scan every code. Ordered by
 * (issueId, value), the index's own order (issueId is fixed), so the page stops after `limit` entries instead of
 * sorting the whole issuance (PROFILE on 100,000 codes: 1,701 db hits, was 101,601).
 */
export function codesOfIssue(issueId: string, after: string | null, limit: number): Query {
  const text = `
MATCH (c:Code {issueId: $issueId})
WHERE ${after !== null ? "c.value > $after" : "c.value IS NOT NULL"}
WITH c ORDER BY c.issueId, c.value LIMIT $limit
${MATCH_CODE_BATCH}
RETURN ${CODE_ROW} AS code`;
  return query("codes.ofIssue", text, { issueId, after, limit: limitInt(limit) });
}

/**
 * A page of a batch's codes in value order, of one type and status when asked; only the filters asked for, so
 * (batchId, value) serves the page, in its own order (batchId is fixed): 1,711 db hits for the first page of 100,000
 * codes, where ordering by value alone sorted all of them (201,611). 一批一码 / 一品一码: the batch's own code and its product's are the batch's codes
 * too (listed, printed, counted).
 */
export function codesOfBatch(
  batchId: string,
  codeType: string | null,
  after: string | null,
  limit: number,
  status: string | null = null,
): Query {
  const where = (value: string) => [
    ...(codeType !== null ? ["c.codeType = $codeType"] : []),
    // The status a reader sees (EFFECTIVE_CODE_STATUS, with the batch read first as `sb`): a released batch's codes
    // are ACTIVE whatever is stored on them.
    ...(status !== null ? [`${EFFECTIVE_CODE_STATUS.replace("b.status", "sb.status")} = $status`] : []),
    ...(after !== null ? [`${value} > $after`] : []),
  ];
  // Every code has its value: saying so on the first page lets (batchId, value) serve it in order, as `after` does.
  const items = [...where("c.value"), ...(after === null ? ["c.value IS NOT NULL"] : [])];
  const own = ["c.codeType IS NOT NULL", ...where("c.key")].join(" AND ");
  const text = `${status !== null ? "\nOPTIONAL MATCH (sb:Batch {id: $batchId})" : ""}
CALL (${status !== null ? "sb" : ""}) {
  MATCH (c:Code {batchId: $batchId})
  ${items.length ? `WHERE ${items.join(" AND ")}` : ""}
  WITH c ORDER BY c.batchId, c.value LIMIT $limit
  RETURN c
  UNION
  MATCH (c:Batch {id: $batchId}) WHERE ${own}
  RETURN c
  UNION
  MATCH (:Batch {id: $batchId})-[:OF_PRODUCT]->(c:Product) WHERE ${own}
  RETURN c
}
WITH c ORDER BY c.key LIMIT $limit
${MATCH_CODE_BATCH}
RETURN ${CODE_ROW} AS code`;
  const params = { batchId, codeType, after, limit: limitInt(limit) };
  return query("codes.ofBatch", text, status === null ? params : { ...params, status });
}

/** The maker of an issuance's batch, from any one of its codes (the (issueId, value) index finds one). */
const MAKER_OF_ISSUE = `
MATCH (c:Code {issueId: $issueId})
WHERE c.value IS NOT NULL
WITH c LIMIT 1
MATCH (b:Batch {id: c.batchId})
RETURN b.manufacturerId AS manufacturerId`;

export function makerOfIssue(issueId: string): Query {
  return query("codes.makerOfIssue", MAKER_OF_ISSUE, { issueId });
}

/** `c.value IS NOT NULL` (true of every code) lets the (issueId, value) index serve the count; see codesOfIssue. */
const COUNT_OF_ISSUE = `
MATCH (c:Code {issueId: $issueId})
WHERE c.value IS NOT NULL
RETURN count(c) AS issued`;

export function countOfIssue(issueId: string): Query {
  return query("codes.countOfIssue", COUNT_OF_ISSUE, { issueId });
}

const VOID_CODE = `
MATCH (c:Obj {key: $key}) WHERE c.codeType IS NOT NULL
SET c.codeStatus = "VOID", c.voidReason = coalesce(c.voidReason, $reason), c.voidedAt = coalesce(c.voidedAt, datetime())
WITH c
${MATCH_CODE_BATCH}
RETURN ${CODE_ROW} AS code`;

export function voidCode(key: string, reason: string): Query {
  return query("codes.void", VOID_CODE, { key, reason });
}

// ---------------------------------------------------------------- linking (组合多码, 子母码)

/**
 * The parent with its batch; when `lock`, it takes the parent's write lock first, so concurrent links to one mother
 * code cannot both pass the overlap check.
 */
export function linkParent(key: string, lock: boolean): Query {
  const text = `
MATCH (c:Obj {key: $key})
${lock ? "SET c.linkedAt = datetime()" : ""}
WITH c
${MATCH_CODE_BATCH}
RETURN c {.*} AS parent, b.quantity AS batchQuantity, b.unit AS batchUnit,
       coalesce(b.motherLength, 0.0) AS batchMothersLength`;
  return query(lock ? "codes.lockParent" : "codes.parent", text, { key });
}

/** The mother's length, and the sum of its batch's mothers (in the batch's unit) moved by `$batchDelta`. */
const SET_PARENT_LENGTH = `
MATCH (c:Obj {key: $key})
SET c.length = $length, c.lengthUnit = $unit
WITH c
${MATCH_CODE_BATCH}
FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END | SET b.motherLength = coalesce(b.motherLength, 0.0) + $batchDelta)`;

export function setParentLength(key: string, length: number, unit: string, batchDelta: number): Query {
  return query("codes.setParentLength", SET_PARENT_LENGTH, { key, length, unit, batchDelta });
}

/** A batch's quantity beside its mother codes: how many, how many have a length, and what their lengths add up to. */
const BATCH_MOTHERS = `
MATCH (b:Batch {id: $batchId})
CALL (b) {
  // c.value IS NOT NULL (every code has its value) lets the (batchId, value) index serve the batch's codes.
  MATCH (c:Code {batchId: b.id}) WHERE c.value IS NOT NULL AND c.codeType = "MOTHER"
  RETURN count(c) AS mothers, count(c.length) AS measured
}
RETURN b.quantity AS quantity, b.unit AS unit, coalesce(b.motherLength, 0.0) AS mothersLength, mothers, measured`;

export function batchMothers(batchId: string): Query {
  return query("codes.batchMothers", BATCH_MOTHERS, { batchId });
}

const CHILDREN = `
UNWIND $keys AS key
OPTIONAL MATCH (c:Obj {key: key})
OPTIONAL MATCH (c)-[r:CONTAINED_IN]->(p:Obj) WHERE r.until IS NULL
RETURN key, c IS NOT NULL AS known, c.kind AS kind, c.codeType AS codeType, collect(p.key) AS parents`;

/** The children-to-be of a link, each with whether it is known and the parents it is contained in now. */
export function linkChildren(keys: readonly string[]): Query {
  return query("codes.children", CHILDREN, { keys });
}

/** Objects the parent is (transitively) contained in: linking one of them into the parent would close a cycle. */
const CONTAINERS_OF = `
MATCH (:Obj {key: $key})-[r:CONTAINED_IN*1..32]->(c:Obj)
WHERE all(x IN r WHERE x.until IS NULL)
RETURN collect(DISTINCT c.key) AS keys`;

export function containersOf(key: string): Query {
  return query("codes.containersOf", CONTAINERS_OF, { key });
}

const SEGMENTS_OF_PARENT = `
MATCH (c:Obj)-[r:CONTAINED_IN]->(:Obj {key: $key})
WHERE r.until IS NULL
RETURN c.key AS code, r.segmentStart AS start, r.segmentEnd AS end, r.unit AS unit
ORDER BY start, code`;

export function segmentsOfParent(key: string): Query {
  return query("codes.segments", SEGMENTS_OF_PARENT, { key });
}

const OBJECT_BY_KEY = `
MATCH (o:Obj {key: $key})
RETURN o {.*} AS object`;

export function objectByKey(key: string): Query {
  return query("codes.objectByKey", OBJECT_BY_KEY, { key });
}

// ---------------------------------------------------------------- shipments and scans

/** What a shipment or scan needs to know of each object: known, its code status, its batch's status. */
const OBJECT_STATES = `
UNWIND $keys AS key
OPTIONAL MATCH (c:Obj {key: key})
${MATCH_CODE_BATCH}
RETURN key, c IS NOT NULL AS known, c.codeStatus AS codeStatus, b.id AS batchId, b.status AS batchStatus`;

export function objectStates(keys: readonly string[]): Query {
  return query("codes.objectStates", OBJECT_STATES, { keys });
}

const EVENT_BY_ID = `
MATCH (e:Event {eventId: $eventId})
RETURN e.document AS document`;

export function eventDocument(eventId: string): Query {
  return query("codes.eventDocument", EVENT_BY_ID, { eventId });
}

/**
 * The maker of each code (API-CONTRACT §6: a product's codes are written by its maker only): the manufacturer of the
 * code's product, or of the product the code is; null for an unknown key or an object that is no code of ours.
 */
const MAKERS_OF_CODES = `
UNWIND $keys AS key
OPTIONAL MATCH (c:Obj {key: key})
OPTIONAL MATCH (p:Product {id: CASE WHEN c:Product THEN c.id ELSE c.productId END})
RETURN key, p.manufacturerId AS manufacturerId`;

export function makersOfCodes(keys: readonly string[]): Query {
  return query("codes.makers", MAKERS_OF_CODES, { keys });
}

const BATCH_KEY = `
MATCH (b:Batch {id: $id})
RETURN b.key AS key`;

export function batchKey(id: string): Query {
  return query("codes.batchKey", BATCH_KEY, { id });
}
