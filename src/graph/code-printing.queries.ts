import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * The print step of a batch's codes (打印): GENERATED codes become PRINTED, nothing else changes, so marking twice
 * changes nothing the second time. A batch's printable codes are the label sheet's: the codes issued under it, its
 * own code (一批一码) and its product's (一品一码), once issued. Run by TraceCodeRepository.
 */

/** The batch and, for 一品一码, its product: the two nodes that can be a batch's own printable codes. */
const OWN_CODE_NODES = `
MATCH (b:Batch {id: $batchId})
OPTIONAL MATCH (b)-[:OF_PRODUCT]->(p:Product)
UNWIND [b, p] AS c
WITH c WHERE c.codeType IS NOT NULL AND (c:Batch OR c.traceMode = "PER_PRODUCT")`;

const CODES_OUTSIDE_BATCH = `
MATCH (b:Batch {id: $batchId})
OPTIONAL MATCH (b)-[:OF_PRODUCT]->(p:Product)
WITH [n IN [b, p] WHERE n.codeType IS NOT NULL AND (n:Batch OR n.traceMode = "PER_PRODUCT") | n.key] AS own
UNWIND $keys AS key
OPTIONAL MATCH (c:Obj:Code {key: key}) WHERE c.batchId = $batchId
WITH key, own, c WHERE c IS NULL AND NOT key IN own
RETURN key`;

/** The keys among `keys` that are no printable code of the batch. */
export function codesOutsideBatch(batchId: string, keys: readonly string[]): Query {
  return query("codes.outsideBatch", CODES_OUTSIDE_BATCH, { batchId, keys });
}

const MARK_PRINTED_KEYS = `
UNWIND $keys AS key
MATCH (c:Obj {key: key}) WHERE c.codeStatus = "GENERATED"
SET c.codeStatus = "PRINTED", c.printedAt = datetime()
RETURN count(c) AS marked`;

export function markPrintedKeys(keys: readonly string[]): Query {
  return query("codes.markPrinted", MARK_PRINTED_KEYS, { keys });
}

/** One chunk of a batch's unprinted codes; the caller repeats it until none are left, one transaction each. */
// `c.value IS NOT NULL` (every code has its value) lets the (batchId, value) index serve the batch's codes.
const MARK_PRINTED_BATCH_CHUNK = `
MATCH (c:Code {batchId: $batchId}) WHERE c.value IS NOT NULL AND c.codeStatus = "GENERATED"
WITH c LIMIT $limit
SET c.codeStatus = "PRINTED", c.printedAt = datetime()
RETURN count(c) AS marked`;

export function markPrintedBatchChunk(batchId: string, limit: number): Query {
  return query("codes.markBatchPrinted", MARK_PRINTED_BATCH_CHUNK, { batchId, limit: neo4j.int(limit) });
}

const MARK_PRINTED_OWN_CODES = `
${OWN_CODE_NODES} AND c.codeStatus = "GENERATED"
SET c.codeStatus = "PRINTED", c.printedAt = datetime()
RETURN count(c) AS marked`;

/** The batch's own code and its product's, when they are printable and not printed yet. */
export function markPrintedOwnCodes(batchId: string): Query {
  return query("codes.markOwnPrinted", MARK_PRINTED_OWN_CODES, { batchId });
}
