import { query, type Query } from "./query.js";

/**
 * A job's output files (a regulator report's JSON, workbook and signatures, issue 16 item 7), stored beside the job
 * as `(:JobOutput {jobId, name, part, data, contentType, size, sha256})`: the bytes base64-encoded in string parts, so
 * every process of the deployment serves them, and they expire with their job (job.queries.ts, expireJobs).
 */

/** One file as stored: its name, what it is, and its bytes as base64 parts (in order). */
export interface JobOutputFile {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  parts: string[];
}

const CREATE_OUTPUTS = `
UNWIND $files AS file
UNWIND range(0, size(file.parts) - 1) AS part
CREATE (:JobOutput {jobId: $jobId, name: file.name, part: part, data: file.parts[part], contentType: file.contentType,
                    size: file.size, sha256: file.sha256})
RETURN count(*) AS parts`;

export function createJobOutputs(jobId: string, files: readonly JobOutputFile[]): Query {
  return query("jobOutput.create", CREATE_OUTPUTS, { jobId, files });
}

const OUTPUT_FILES = `
MATCH (o:JobOutput {jobId: $jobId})
WHERE o.part = 0
RETURN o.name AS name, o.contentType AS contentType, o.size AS size, o.sha256 AS sha256
ORDER BY name`;

/** The files of a job (name, type, size, digest), without their bytes. */
export function jobOutputFiles(jobId: string): Query {
  return query("jobOutput.files", OUTPUT_FILES, { jobId });
}

const OUTPUT_DATA = `
MATCH (o:JobOutput {jobId: $jobId})
WHERE o.name = $name
RETURN o.data AS data, o.contentType AS contentType
ORDER BY o.part`;

/** One file's parts, in order. */
export function jobOutputData(jobId: string, name: string): Query {
  return query("jobOutput.data", OUTPUT_DATA, { jobId, name });
}
