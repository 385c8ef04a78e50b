import { mayReadJob } from "../access/job-access.js";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Principal } from "../access/principal.js";
import { CAPTURE_JOB_KIND, type CaptureJobRecord, type CaptureJobRepository } from "../graph/capture-job.repository.js";
import type { JobRepository } from "../graph/job.repository.js";
import type { ClaimedJob, JobContext, JobHandler, JobSignal } from "../jobs/job-runner.js";
import { AppError } from "../errors/app-errors.js";
import { EpcisValidationError, type CaptureService } from "./capture.service.js";

export type { CaptureJobRecord };

interface CaptureParams {
  principal?: Principal;
}

/**
 * The capture jobs of the EPCIS REST binding (`POST /epcis/capture` answers 202 and a job to poll). A document is
 * checked first (a document capture would refuse is refused at once, and no job is stored for it), then stored whole
 * with its job before the 202; a job worker writes it in one transaction that also ends the job, so after any crash
 * the job runs again and its events, idempotent by eventID, are written exactly once.
 */
export class CaptureJobService implements JobHandler {
  readonly kind = CAPTURE_JOB_KIND;

  constructor(
    private readonly repository: CaptureJobRepository,
    private readonly jobs: JobRepository,
    private readonly captureService: CaptureService,
    private readonly queue: string,
    private readonly signal: JobSignal,
    private readonly logger: Logger,
  ) {}

  /** Checks the document as capture does, stores it with a new job and answers the job's id (the 202). */
  async submit(document: unknown, principal: Principal): Promise<string> {
    const total = await this.captureService.check(document, principal);
    const id = randomUUID();
    const params: CaptureParams = { principal };
    await this.jobs.create({
      id,
      kind: CAPTURE_JOB_KIND,
      queue: this.queue,
      total,
      params: JSON.stringify(params),
      extra: { accepted: 0, duplicates: 0, errors: "[]", ownerOrganizationId: principal.organizationId ?? null },
      input: JSON.stringify(document),
    });
    this.signal.wake();
    return id;
  }

  /** The capture job as `principal` may see it: its submitter's, or the operator's and a regulator's; else null. */
  async find(id: string, principal: Principal): Promise<CaptureJobRecord | null> {
    const job = await this.repository.find(id);
    return job && mayReadJob(principal, job.ownerOrganizationId) ? job : null;
  }

  async run(job: ClaimedJob, context: JobContext): Promise<void> {
    const { principal } = JSON.parse(job.params) as CaptureParams;
    const input = await this.jobs.input(job.id);
    if (input === null || !principal) {
      await this.finishFailed(job.id, context.owner, [
        problem(
          "INPUT_LOST",
          "this job's document was not stored with it (a job from an older version); send it again",
        ),
      ]);
      return;
    }
    try {
      await this.captureService.capture(JSON.parse(input) as unknown, principal, {
        jobId: job.id,
        owner: context.owner,
        result: (outcome) => ({
          accepted: outcome.written.length,
          duplicates: outcome.duplicates.length,
          done: outcome.written.length + outcome.duplicates.length,
          errors: "[]",
        }),
      });
    } catch (error) {
      // Refused on its merits (e.g. a location changed hands since it was checked): final. Anything else (Neo4j
      // down, a lost lease) goes back to the worker, which retries from the stored document.
      if (error instanceof EpcisValidationError) await this.finishFailed(job.id, context.owner, error.captureErrors);
      else if (error instanceof AppError && error.code !== "SERVICE_UNAVAILABLE" && error.code !== "TIMEOUT") {
        await this.finishFailed(job.id, context.owner, [problem(error.code, error.message)]);
      } else throw error;
    }
  }

  async fail(job: ClaimedJob, owner: string, message: string): Promise<void> {
    this.logger.error({ jobId: job.id, message }, "capture job failed");
    await this.finishFailed(job.id, owner, [
      problem("CAPTURE_FAILED", "the capture could not be written; send it again"),
    ]);
  }

  private async finishFailed(id: string, owner: string, errors: JobError[]): Promise<void> {
    await this.jobs.finish(id, owner, "FAILED", { accepted: 0, duplicates: 0, errors: JSON.stringify(errors) });
  }
}

type JobError = CaptureJobRecord["errors"][number];

function problem(code: string, message: string): JobError {
  return { index: null, eventID: null, code, message };
}
