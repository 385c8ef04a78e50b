import type { Executor, QueryRunner } from "./executor.js";
import * as Q from "./job.queries.js";
import type { Query } from "./query.js";

/** A job as a worker claimed it: its parameters (JSON) and how far it got before (`done`, checkpointed). */
export interface ClaimedJob {
  id: string;
  kind: string;
  total: number;
  done: number;
  /** 1 on the first claim; more when the job was taken over or retried. */
  attempts: number;
  params: string;
}

export interface NewJob {
  id: string;
  kind: string;
  queue: string;
  total: number;
  /** The job's parameters as JSON (small: who asked, what to do); the bulk of the input goes in `input`. */
  params: string;
  /** Further properties of the Job node at creation (e.g. `batchId`, the initial counts of a capture). */
  extra?: Record<string, unknown>;
  /** The job's input (an EPCIS document), stored in chunks beside the job. */
  input?: string;
}

/** The lease of a job was taken over by another process (or the job ended): the step is rolled back. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`the lease of job ${jobId} is no longer ours`);
    this.name = "LeaseLostError";
  }
}

/** Characters per (:JobInput) chunk: a document of many megabytes is a few properties, none of them huge. */
export const INPUT_PART_CHARS = 1_000_000;

/** Durable jobs (src/graph/job.queries.ts): created with their input, claimed with a lease, checkpointed, expired. */
export class JobRepository {
  constructor(private readonly executor: Executor) {}

  async create(job: NewJob): Promise<void> {
    const { input, extra, ...rest } = job;
    await this.executor.write(Q.createJob({ ...rest, extra: extra ?? {}, parts: splitInput(input ?? "") }));
  }

  async claim(queue: string, owner: string, leaseMs: number): Promise<ClaimedJob | null> {
    const rows = await this.executor.write(Q.claimJob(queue, owner, leaseMs));
    const job = rows[0]?.job as Record<string, unknown> | undefined;
    if (!job) return null;
    return {
      id: String(job.id),
      kind: String(job.kind),
      total: Number(job.total ?? 0),
      done: Number(job.done ?? 0),
      attempts: Number(job.attempts ?? 1),
      params: typeof job.params === "string" ? job.params : "{}",
    };
  }

  /** False when the lease is no longer `owner`'s. */
  async heartbeat(id: string, owner: string, leaseMs: number): Promise<boolean> {
    return (await this.executor.write(Q.heartbeat(id, owner, leaseMs))).length > 0;
  }

  async release(id: string, owner: string, delayMs: number, error: string | null = null): Promise<boolean> {
    return (await this.executor.write(Q.releaseJob(id, owner, delayMs, error))).length > 0;
  }

  /** Finishes the job on its own (a failure, or a job whose last step wrote nothing). */
  async finish(id: string, owner: string, status: string, result: Record<string, unknown>): Promise<boolean> {
    return (await this.executor.write(Q.finishJob(id, owner, status, result))).length > 0;
  }

  /** The input stored with the job; null when there is none (a job from before inputs were stored). */
  async input(id: string): Promise<string | null> {
    const rows = await this.executor.read(Q.jobInput(id));
    return rows.length === 0 ? null : rows.map((row) => String(row.data)).join("");
  }

  /** Deletes the jobs (and inputs) finished more than `retentionMs` ago, in bounded transactions; returns how many. */
  async expire(retentionMs: number, batch = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.executor.write(Q.expireJobs(retentionMs, batch));
      const deleted = Number(rows[0]?.deleted ?? 0);
      total += deleted;
      if (deleted < batch) return total;
    }
  }
}

/**
 * Runs a job's checkpoint statement inside the transaction of its step: no row means the lease was lost, and the
 * whole step is rolled back by throwing.
 */
export async function checkpointInTx(tx: QueryRunner, q: Query, jobId: string): Promise<number> {
  const rows = await tx.rows(q);
  if (rows.length === 0) throw new LeaseLostError(jobId);
  return Number(rows[0]?.done ?? 0);
}

function splitInput(input: string): string[] {
  if (input === "") return [];
  const parts: string[] = [];
  let start = 0;
  while (start < input.length) {
    let end = Math.min(start + INPUT_PART_CHARS, input.length);
    // Never between the two halves of a surrogate pair: a lone half would not survive the trip as UTF-8.
    const last = input.charCodeAt(end - 1);
    if (end < input.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(input.slice(start, end));
    start = end;
  }
  return parts;
}
