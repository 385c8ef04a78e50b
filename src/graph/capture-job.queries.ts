import type { CaptureJobRecord } from "./capture-job.repository.js";
import { query, type Query } from "./query.js";

/** Cypher of the EPCIS capture jobs (CaptureJobRepository), kept as (:Job {kind: "epcis-capture"}). */

const CREATE_CAPTURE_JOB = `
CREATE (j:Job {id: $id, kind: "epcis-capture", status: "RUNNING", total: $total, done: 0,
               createdAt: datetime(), accepted: 0, duplicates: 0, errors: "[]"})`;

export function createCaptureJob(id: string, total: number): Query {
  return query("captureJob.create", CREATE_CAPTURE_JOB, { id, total });
}

/** `errors` is stored as JSON: a property cannot hold a list of maps. */
const FINISH_CAPTURE_JOB = `
MATCH (j:Job {id: $id})
SET j.status = $status, j.accepted = $accepted, j.duplicates = $duplicates, j.errors = $errors,
    j.done = $accepted + $duplicates, j.finishedAt = datetime()`;

export function finishCaptureJob(
  id: string,
  result: Pick<CaptureJobRecord, "status" | "accepted" | "duplicates" | "errors">,
): Query {
  return query("captureJob.finish", FINISH_CAPTURE_JOB, { id, ...result, errors: JSON.stringify(result.errors) });
}

const CAPTURE_JOB_BY_ID = `
MATCH (j:Job {id: $id, kind: "epcis-capture"})
RETURN j {.*} AS job`;

export function captureJobById(id: string): Query {
  return query("captureJob.find", CAPTURE_JOB_BY_ID, { id });
}
