import * as Q from "./capture-job.queries.js";
import type { Executor } from "./executor.js";

/** The kind of the EPCIS capture jobs. */
export const CAPTURE_JOB_KIND = "epcis-capture";

export interface CaptureJobRecord {
  id: string;
  status: "RUNNING" | "DONE" | "FAILED";
  createdAt: string;
  finishedAt: string | null;
  accepted: number;
  duplicates: number;
  /** The organisation of the credential that submitted it (null: the operator, or a job of an older version). */
  ownerOrganizationId: string | null;
  /** Per-event errors of a rejected document, or one error for a failure. */
  errors: { index: number | null; eventID: string | null; code: string; message: string }[];
}

/** Capture jobs of the EPCIS REST binding (`POST /epcis/capture` → `GET /epcis/capture/{id}`), kept as (:Job). */
export class CaptureJobRepository {
  constructor(private readonly executor: Executor) {}

  async find(id: string): Promise<CaptureJobRecord | null> {
    const rows = await this.executor.read(Q.captureJobById(id));
    const job = rows[0]?.job as Record<string, unknown> | undefined;
    if (!job) return null;
    return {
      id: job.id as string,
      status: job.status as CaptureJobRecord["status"],
      createdAt: job.createdAt as string,
      finishedAt: (job.finishedAt as string | undefined) ?? null,
      accepted: Number(job.accepted ?? 0),
      duplicates: Number(job.duplicates ?? 0),
      ownerOrganizationId: typeof job.ownerOrganizationId === "string" ? job.ownerOrganizationId : null,
      errors: JSON.parse(typeof job.errors === "string" ? job.errors : "[]") as CaptureJobRecord["errors"],
    };
  }
}
