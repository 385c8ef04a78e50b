import type { Executor } from "./executor.js";
import { cypher } from "./cypher-query.js";

export interface CaptureJobRecord {
  id: string;
  status: "RUNNING" | "DONE" | "FAILED";
  createdAt: string;
  finishedAt: string | null;
  accepted: number;
  duplicates: number;
  /** Per-event errors of a rejected document, or one error for a failure. */
  errors: { index: number | null; eventID: string | null; code: string; message: string }[];
}

/** Capture jobs of the EPCIS REST binding (`POST /epcis/capture` → `GET /epcis/capture/{id}`), kept as (:Job). */
export class CaptureJobRepository {
  constructor(private readonly executor: Executor) {}

  async create(id: string, total: number): Promise<void> {
    await this.executor.write(
      cypher(
        `CREATE (j:Job {id: $id, kind: "epcis-capture", status: "RUNNING", total: $total, done: 0,
                        createdAt: datetime(), accepted: 0, duplicates: 0, errors: "[]"})`,
        { id, total },
      ),
      "captureJob.create",
    );
  }

  async finish(id: string, result: Pick<CaptureJobRecord, "status" | "accepted" | "duplicates" | "errors">) {
    await this.executor.write(
      cypher(
        `MATCH (j:Job {id: $id})
         SET j.status = $status, j.accepted = $accepted, j.duplicates = $duplicates, j.errors = $errors,
             j.done = $accepted + $duplicates, j.finishedAt = datetime()`,
        { id, ...result, errors: JSON.stringify(result.errors) },
      ),
      "captureJob.finish",
    );
  }

  async find(id: string): Promise<CaptureJobRecord | null> {
    const rows = await this.executor.read(
      cypher(`MATCH (j:Job {id: $id, kind: "epcis-capture"}) RETURN j {.*} AS job`, { id }),
      "captureJob.find",
    );
    const job = rows[0]?.job as Record<string, unknown> | undefined;
    if (!job) return null;
    return {
      id: job.id as string,
      status: job.status as CaptureJobRecord["status"],
      createdAt: job.createdAt as string,
      finishedAt: (job.finishedAt as string | undefined) ?? null,
      accepted: job.accepted as number,
      duplicates: job.duplicates as number,
      errors: JSON.parse(job.errors as string) as CaptureJobRecord["errors"],
    };
  }
}
