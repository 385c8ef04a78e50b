import { query, type Query } from "./query.js";

/**
 * Cypher of the EPCIS capture jobs' status (CaptureJobRepository), kept as (:Job {kind: "epcis-capture"}). Jobs are
 * created, claimed and finished by the generic statements of job.queries.ts.
 */

const CAPTURE_JOB_BY_ID = `
MATCH (j:Job {id: $id, kind: "epcis-capture"})
RETURN j {.id, .status, .createdAt, .finishedAt, .accepted, .duplicates, .errors, .total} AS job`;

export function captureJobById(id: string): Query {
  return query("captureJob.find", CAPTURE_JOB_BY_ID, { id });
}
