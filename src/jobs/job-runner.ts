import type { Logger } from "pino";
import { LeaseLostError, type ClaimedJob, type JobRepository } from "../graph/job.repository.js";
import { isUnavailable } from "../graph/neo4j-errors.js";

export type { ClaimedJob };
export { LeaseLostError };

/** What a job's step sees: whose lease it runs under, and a signal raised when it should stop at its next checkpoint. */
export interface JobContext {
  owner: string;
  leaseMs: number;
  /** Aborted when the process shuts down (stop at the next checkpoint) or the lease was lost (stop at once). */
  signal: AbortSignal;
}

/**
 * One kind of job. `run` does the job from its last checkpoint (`job.done`) and ends it (DONE or FAILED, in the
 * transaction of its last step). Its steps must be idempotent or checkpointed in their own transaction: after a
 * crash the job runs again from the last checkpoint, in this process or another.
 */
export interface JobHandler {
  readonly kind: string;
  run(job: ClaimedJob, context: JobContext): Promise<void>;
  /** Ends the job as FAILED with `message` (after its last attempt), keeping what its steps wrote consistent. */
  fail(job: ClaimedJob, owner: string, message: string): Promise<void>;
}

/** Thrown by a step that saw the stop signal: the job is released at its checkpoint and resumed later. */
export class JobStoppedError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} stopped at a checkpoint`);
    this.name = "JobStoppedError";
  }
}

/** Between steps: stop here when asked to (JobStoppedError). */
export function checkpoint(job: ClaimedJob, context: JobContext): void {
  if (context.signal.aborted) throw new JobStoppedError(job.id);
}

/** Wakes the local worker when this process has just stored a job, so it does not wait for its next poll. */
export class JobSignal {
  private readonly listeners = new Set<() => void>();

  wake(): void {
    for (const listener of this.listeners) listener();
  }

  onWake(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface JobRunnerOptions {
  queue: string;
  /** This process's id as a lease owner: unique per process (host, pid and a random part). */
  owner: string;
  leaseMs: number;
  pollMs: number;
  concurrency: number;
  retentionMs: number;
  maxAttempts: number;
  /** How often finished jobs past their retention are deleted; default every 10 minutes (and once at start). */
  cleanupEveryMs?: number;
}

const LOST = "lease lost";
const STOPPING = "stopping";

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The job worker of one process: claims jobs of its queue with a lease (renewed every third of it), runs each with
 * its kind's handler, and on failure gives the job back with a growing delay until its last attempt fails it. Jobs
 * whose process died are claimed again once their lease has run out. `stop` asks running jobs to stop at their next
 * checkpoint and gives back the leases of those that have not by the deadline, so the next process resumes them.
 */
export class JobRunner {
  private readonly handlers: Map<string, JobHandler>;
  private readonly running = new Map<string, Running>();
  private started = false;
  private stopping = false;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private cleanupTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private claimFailures = 0;

  constructor(
    private readonly store: JobRepository,
    handlers: readonly JobHandler[],
    private readonly options: JobRunnerOptions,
    private readonly logger: Logger,
    private readonly signal: JobSignal,
  ) {
    this.handlers = new Map(handlers.map((handler) => [handler.kind, handler]));
  }

  get owner(): string {
    return this.options.owner;
  }

  /** Ids of the jobs this process runs now. */
  get active(): string[] {
    return [...this.running.keys()];
  }

  start(): void {
    if (this.started || this.options.concurrency === 0) return;
    this.started = true;
    this.unsubscribe = this.signal.onWake(() => this.poll());
    this.poll();
    void this.cleanup();
    this.cleanupTimer = setInterval(() => void this.cleanup(), this.options.cleanupEveryMs ?? 600_000);
    this.cleanupTimer.unref();
    this.logger.info({ owner: this.owner, queue: this.options.queue }, "job worker started");
  }

  /**
   * Stops claiming, asks running jobs to stop at their next checkpoint, and waits for them until `deadline` (epoch
   * ms); the leases of jobs still running then are given back, so another process, or the next start, resumes them.
   */
  async stop(deadline: number): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    clearTimeout(this.pollTimer);
    clearInterval(this.cleanupTimer);
    for (const { controller } of this.running.values()) controller.abort(STOPPING);
    const all = Promise.allSettled([...this.running.values()].map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    await Promise.allSettled(
      [...this.running.keys()].map(async (id) => {
        this.logger.warn({ jobId: id }, "job still running at the end of the grace period: lease given back");
        await this.store.release(id, this.owner, 0, "interrupted by a shutdown");
      }),
    );
    await this.polling;
  }

  /** Claims jobs now (a job was just stored, or one finished); coalesces calls that overlap. */
  poll(): void {
    if (!this.started || this.stopping) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    clearTimeout(this.pollTimer);
    this.polling = this.fill().finally(() => {
      this.polling = null;
      if (this.pollAgain) {
        this.pollAgain = false;
        this.poll();
      } else if (!this.stopping) {
        this.pollTimer = setTimeout(() => this.poll(), this.options.pollMs);
        this.pollTimer.unref();
      }
    });
  }

  private async fill(): Promise<void> {
    while (!this.stopping && this.running.size < this.options.concurrency) {
      let job: ClaimedJob | null;
      try {
        job = await this.store.claim(this.options.queue, this.owner, this.options.leaseMs);
        this.claimFailures = 0;
      } catch (error) {
        // Neo4j down: said once, then quiet until it answers again.
        if (this.claimFailures++ === 0) this.logger.warn({ err: error }, "could not look for jobs; retrying");
        return;
      }
      if (!job || this.stopping) {
        if (job) await this.store.release(job.id, this.owner, 0).catch(() => false);
        return;
      }
      this.launch(job);
    }
  }

  private launch(job: ClaimedJob): void {
    const handler = this.handlers.get(job.kind);
    const controller = new AbortController();
    const log = { jobId: job.id, kind: job.kind, attempt: job.attempts, done: job.done, owner: this.owner };
    const beat = setInterval(
      () => {
        this.store.heartbeat(job.id, this.owner, this.options.leaseMs).then(
          (held) => {
            if (!held) controller.abort(LOST);
          },
          // Neo4j unreachable: the step fails on its own; the lease may still be ours when it is back.
          () => undefined,
        );
      },
      Math.max(100, Math.floor(this.options.leaseMs / 3)),
    );
    beat.unref();
    const done = (async () => {
      try {
        if (!handler) {
          // A kind this version does not know (a newer process's): left for a process that does.
          await this.store.release(job.id, this.owner, this.options.leaseMs * 4, `unknown job kind ${job.kind}`);
          return;
        }
        this.logger.info(log, job.attempts > 1 ? "job resumed" : "job started");
        await handler.run(job, { owner: this.owner, leaseMs: this.options.leaseMs, signal: controller.signal });
        this.logger.info(log, "job finished");
      } catch (error) {
        await this.settle(job, handler, error, controller.signal).catch((e: unknown) =>
          this.logger.warn({ ...log, err: e }, "could not give the job back; its lease will run out"),
        );
      } finally {
        clearInterval(beat);
        this.running.delete(job.id);
        this.poll();
      }
    })();
    this.running.set(job.id, { controller, done });
  }

  private async settle(job: ClaimedJob, handler: JobHandler | undefined, error: unknown, signal: AbortSignal) {
    const log = { jobId: job.id, kind: job.kind, attempt: job.attempts, owner: this.owner };
    if (error instanceof LeaseLostError || signal.reason === LOST) {
      this.logger.warn(log, "job taken over by another worker: this one stops");
      return;
    }
    if (error instanceof JobStoppedError || signal.reason === STOPPING) {
      this.logger.info(log, "job stopped at a checkpoint: it resumes in the next worker");
      await this.store.release(job.id, this.owner, 0, null);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    // Neo4j unreachable is no fault of the job: retried soon (it is back within seconds, e.g. after a restart) and
    // never counted towards its failure.
    const unavailable = isUnavailable(error);
    if (handler && !unavailable && job.attempts >= this.options.maxAttempts) {
      this.logger.error({ ...log, err: error }, "job failed on its last attempt");
      await handler.fail(job, this.owner, message);
      return;
    }
    const delay = Math.min(unavailable ? 2_000 : 60_000, 1_000 * 2 ** (job.attempts - 1));
    this.logger.warn({ ...log, err: error, retryInMs: delay }, "job step failed: retrying from its checkpoint");
    await this.store.release(job.id, this.owner, delay, message);
  }

  private async cleanup(): Promise<void> {
    try {
      const deleted = await this.store.expire(this.options.retentionMs);
      if (deleted > 0) this.logger.info({ deleted }, "expired jobs deleted with their inputs");
    } catch (error) {
      this.logger.debug({ err: error }, "could not delete expired jobs; next time");
    }
  }
}
