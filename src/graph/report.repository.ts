import { createHash } from "node:crypto";
import type { Executor, Row } from "./executor.js";
import { checkpointInTx } from "./job.repository.js";
import { finishJob, jobProgress } from "./job.queries.js";
import * as O from "./job-output.queries.js";
import * as Q from "./report.queries.js";
import { jobById } from "./trace-code.queries.js";

/** An organisation as a report names it. */
export interface ReportOrganization {
  id: string;
  name: string | null;
  regionCode: string | null;
  identifiers: string[];
}

/** A batch's status and, once recalled, the recall's reason, advice and time. */
export interface BatchRecallFacts {
  status: string | null;
  reason: string | null;
  advice: string | null;
  recalledAt: string | null;
}

/** One shipping event to one receiver, with the affected objects it moved. */
export interface ReportShipmentRow {
  eventId: string;
  at: string;
  type: string | null;
  bizStep: string | null;
  from: ReportOrganization | null;
  to: ReportOrganization;
  place: { id: string; name: string | null; regionCode: string | null } | null;
  objects: { key: string; kind: string; productId: string | null; batchId: string | null }[];
}

/** How many affected instances one organisation holds now. */
export interface ReportHolderRow {
  organizationId: string;
  name: string | null;
  regionCode: string | null;
  objectCount: number;
}

/** A file a job produced: its bytes and what they are. */
export interface ReportFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface StoredFileInfo {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Characters of base64 per stored part (about 750 kB of bytes). */
const PART_CHARS = 1_000_000;

/** The reads of a regulator report (report.queries.ts) and its job's progress and files (job-output.queries.ts). */
export class ReportRepository {
  constructor(private readonly executor: Executor) {}

  /** The batch id of a reported object (a batch, or a code issued under one); null when it has none of ours. */
  async batchOfObject(key: string): Promise<string | null> {
    const rows = await this.executor.read(Q.batchOfObject(key));
    return typeof rows[0]?.batchId === "string" ? rows[0].batchId : null;
  }

  async batchRecall(batchId: string): Promise<BatchRecallFacts> {
    const row = (await this.executor.read(Q.batchRecall(batchId)))[0] ?? {};
    return {
      status: (row.status as string | null) ?? null,
      reason: (row.reason as string | null) ?? null,
      advice: (row.advice as string | null) ?? null,
      recalledAt: (row.recalledAt as string | null) ?? null,
    };
  }

  async shipments(rootKey: string, scope?: string): Promise<ReportShipmentRow[]> {
    const rows = await this.executor.read(Q.reportShipments(rootKey, scope));
    return rows.map((row) => ({
      eventId: String(row.eventId),
      at: String(row.at),
      type: (row.type as string | null) ?? null,
      bizStep: (row.bizStep as string | null) ?? null,
      from: row.from ? toOrganization(row.from as Row) : null,
      to: toOrganization(row.to as Row),
      place: (row.place as ReportShipmentRow["place"]) ?? null,
      objects: (row.objects as ReportShipmentRow["objects"]).sort((a, b) => (a.key < b.key ? -1 : 1)),
    }));
  }

  async holders(rootKey: string, makerId: string, scope?: string): Promise<ReportHolderRow[]> {
    const rows = await this.executor.read(Q.reportHolders(rootKey, makerId, scope));
    return rows.map((row) => {
      const holder = (row.holder as Row | null) ?? {};
      return {
        organizationId: String(row.holderId),
        name: (holder.name as string | null) ?? null,
        regionCode: (holder.regionCode as string | null) ?? null,
        objectCount: Number(row.objectCount),
      };
    });
  }

  /** Owner organisation of a job (null: unknown job). */
  async jobOwner(jobId: string): Promise<{ kind: string; ownerOrganizationId: string | null } | null> {
    const job = (await this.executor.read(jobById(jobId)))[0]?.job as Row | undefined;
    if (!job) return null;
    return { kind: String(job.kind), ownerOrganizationId: (job.ownerOrganizationId as string | null) ?? null };
  }

  /**
   * Counts one step of a report job done, under the worker's lease; a step done before (a resumed job recomputes
   * what it needs, and counts only the steps it had not reached) is not counted again.
   */
  async stepDone(jobId: string, owner: string, leaseMs: number, doneBefore: number): Promise<void> {
    await this.executor.writeTx("report.step", (tx) =>
      checkpointInTx(tx, jobProgress(jobId, owner, 1, leaseMs, doneBefore), jobId),
    );
  }

  /** Ends the job DONE with its files, in one transaction, for the lease holder only (LeaseLostError otherwise). */
  async finishWithFiles(jobId: string, owner: string, files: readonly ReportFile[], result: Row): Promise<void> {
    await this.executor.writeTx("report.finish", async (tx) => {
      await checkpointInTx(tx, finishJob(jobId, owner, "DONE", result), jobId);
      await tx.rows(O.createJobOutputs(jobId, files.map(toStored)));
    });
  }

  async files(jobId: string): Promise<StoredFileInfo[]> {
    return (await this.executor.read(O.jobOutputFiles(jobId))).map((row) => ({
      name: String(row.name),
      contentType: String(row.contentType),
      size: Number(row.size),
      sha256: String(row.sha256),
    }));
  }

  /** A file's bytes; null when the job has no file of that name. */
  async file(jobId: string, name: string): Promise<ReportFile | null> {
    const rows = await this.executor.read(O.jobOutputData(jobId, name));
    if (rows.length === 0) return null;
    const bytes = Buffer.concat(rows.map((row) => Buffer.from(String(row.data), "base64")));
    return { name, contentType: String(rows[0]?.contentType), bytes };
  }
}

function toOrganization(row: Row): ReportOrganization {
  return {
    id: String(row.id),
    name: (row.name as string | null) ?? null,
    regionCode: (row.regionCode as string | null) ?? null,
    identifiers: (row.identifiers as string[] | null) ?? [],
  };
}

function toStored(file: ReportFile): O.JobOutputFile {
  const base64 = file.bytes.toString("base64");
  const parts: string[] = [];
  for (let start = 0; start < base64.length; start += PART_CHARS) parts.push(base64.slice(start, start + PART_CHARS));
  if (parts.length === 0) parts.push("");
  return {
    name: file.name,
    contentType: file.contentType,
    size: file.bytes.length,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    parts,
  };
}
