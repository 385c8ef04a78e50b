import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { mayReadJob } from "../access/job-access.js";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import type { JobRepository } from "../graph/job.repository.js";
import type { ReportFile, ReportRepository, StoredFileInfo } from "../graph/report.repository.js";
import { checkpoint, type ClaimedJob, type JobContext, type JobHandler, type JobSignal } from "../jobs/job-runner.js";
import { JobStatus } from "../producer/producer-enums.js";
import type { JobRecord } from "../producer/producer-model.js";
import type { BatchService } from "../producer/batch.service.js";
import type { ProductService } from "../producer/product.service.js";
import { parseInputIdentifier } from "../registry/identifier-input.js";
import type { ReportBuilder, ReportRequest } from "./report-builder.js";
import { reportFiles } from "./report-files.js";
import type { SigningKey } from "./report-signer.js";
import { ReportKind } from "./trace-report.js";

export const REPORT_JOB_KIND = "TRACE_REPORT";

/** The report's sections, each a step of its job's progress (`total`). */
const STEPS = 4;

/** What to report on: a batch, or a recall rooted at a recalled code or batch (exactly one). */
export interface StartReportRequest {
  batchId?: string | null;
  recallCode?: string | null;
}

/** Where report jobs go: the durable jobs of this process's queue, the local worker to wake, how to read a job. */
export interface ReportJobs {
  store: JobRepository;
  queue: string;
  signal: JobSignal;
  job: (id: string, principal: Principal) => Promise<JobRecord>;
}

/**
 * The regulator report (追溯报告, issue 16 item 7) as a durable job: asked for by a REGULATOR (or the operator) or by
 * the batch's maker, and refused (FORBIDDEN) to anyone else; built section by section with its progress counted; its
 * JSON document and XLSX workbook signed (Ed25519, detached) and stored with the job, which ends DONE in the same
 * transaction. Downloads: the job's owner, the regulator and the operator (as every job).
 */
export class ReportJobService implements JobHandler {
  readonly kind = REPORT_JOB_KIND;

  constructor(
    private readonly reports: ReportRepository,
    private readonly builder: ReportBuilder,
    private readonly batches: BatchService,
    private readonly products: ProductService,
    private readonly jobs: ReportJobs,
    private readonly key: SigningKey,
    private readonly logger?: Logger,
  ) {}

  async start(request: StartReportRequest, principal: Principal): Promise<JobRecord> {
    const { kind, batchId, rootKey } = await this.subject(request);
    const field = kind === ReportKind.RECALL ? "recallCode" : "batchId";
    // A batch the caller cannot see answers as an unknown one; one it sees but did not make is FORBIDDEN.
    const batch = await this.batches.batchFor(batchId, principal).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw notFound(field, kind === ReportKind.RECALL ? rootKey : batchId);
      throw error;
    });
    const product = await this.products.product(batch.productId);
    assertMayReport(principal, product.manufacturerId);
    const id = randomUUID();
    const params: ReportRequest = { reportId: id, kind, batchId, rootKey: rootKey ?? batch.key, principal };
    await this.jobs.store.create({
      id,
      kind: REPORT_JOB_KIND,
      queue: this.jobs.queue,
      total: STEPS,
      params: JSON.stringify(params),
      extra: { ownerOrganizationId: principal.organizationId, batchId },
    });
    this.jobs.signal.wake();
    return this.jobs.job(id, principal);
  }

  /** Builds (or rebuilds, after a crash) the report, counting the sections not counted before, then signs and stores. */
  async run(job: ClaimedJob, context: JobContext): Promise<void> {
    const request = JSON.parse(job.params) as ReportRequest;
    const report = await this.builder.build(request, async (index) => {
      checkpoint(job, context);
      if (index > job.done) await this.reports.stepDone(job.id, context.owner, context.leaseMs, index - 1);
    });
    const files = await reportFiles(report, this.key);
    await this.reports.finishWithFiles(job.id, context.owner, files, {
      keyId: this.key.keyId,
      transactions: report.transactions.length,
    });
  }

  async fail(job: ClaimedJob, owner: string, message: string): Promise<void> {
    this.logger?.error({ jobId: job.id, message }, "report job failed");
    await this.jobs.store.finish(job.id, owner, JobStatus.FAILED, { error: message });
  }

  /** The files of a finished report job (none while it runs); NOT_FOUND for a job the caller may not read. */
  async files(jobId: string, principal: Principal): Promise<StoredFileInfo[]> {
    await this.readable(jobId, principal);
    return this.reports.files(jobId);
  }

  async file(jobId: string, name: string, principal: Principal): Promise<ReportFile> {
    await this.readable(jobId, principal);
    const file = await this.reports.file(jobId, name);
    if (!file) throw new NotFoundError(`report ${jobId} has no file ${name}`, { field: "name", value: name });
    return file;
  }

  /** The public key reports are signed with, to publish for verifiers. */
  get publicKey(): { keyId: string; pem: string; ephemeral: boolean } {
    return { keyId: this.key.keyId, pem: this.key.publicKeyPem, ephemeral: this.key.ephemeral };
  }

  private async readable(jobId: string, principal: Principal): Promise<void> {
    const job = await this.reports.jobOwner(jobId);
    if (!job || job.kind !== REPORT_JOB_KIND || !mayReadJob(principal, job.ownerOrganizationId)) {
      throw new NotFoundError(`report ${jobId} does not exist`, { field: "id", value: jobId });
    }
  }

  private async subject(request: StartReportRequest) {
    const batchId = request.batchId?.trim() || null;
    const recallCode = request.recallCode?.trim() || null;
    if ((batchId === null) === (recallCode === null)) {
      throw new BadUserInputError("give exactly one of batchId (a batch's report) and recallCode (a recall's)", {
        field: "batchId",
        rule: "exactly one of batchId, recallCode",
      });
    }
    if (batchId !== null) return { kind: ReportKind.BATCH, batchId, rootKey: null };
    const rootKey = parseInputIdentifier(recallCode ?? "", "recallCode").key;
    const ofRoot = await this.reports.batchOfObject(rootKey);
    if (ofRoot === null) throw notFound("recallCode", recallCode ?? "");
    return { kind: ReportKind.RECALL, batchId: ofRoot, rootKey };
  }
}

/** API-CONTRACT §6: the regulator (and the operator) report on any batch; a maker on its own; nobody else. */
function assertMayReport(principal: Principal, manufacturerId: string): void {
  if (principal.role === AccessRole.REGULATOR || principal.role === AccessRole.ADMIN) return;
  if (principal.role === AccessRole.MANUFACTURER && principal.organizationId === manufacturerId) return;
  throw new ForbiddenError("a trace report is for the regulator and the batch's maker", {
    field: "batchId",
    rule: "regulator or maker",
  });
}

function notFound(field: string, value: string): NotFoundError {
  return new NotFoundError(`no batch of ours for ${value}`, { field, value });
}
