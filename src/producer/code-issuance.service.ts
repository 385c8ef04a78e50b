import { mayReadJob } from "../access/job-access.js";
import { nativeMatchKeys } from "../epcis/native-match-keys.js";
import { randomBytes, randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { KIND_OF_TRACE_CODE_TYPE, generateTraceCodes, issuerPrefix, type RandomSource } from "../codes/index.js";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import { emptyWritePlan } from "../graph/flow-model.js";
import type { ProducerRepository } from "../graph/producer.repository.js";
import { mothersOverQuantity, type TraceCodeRepository } from "../graph/trace-code.repository.js";
import { assertBatchOpen } from "./batch.service.js";
import type { BatchRecord, JobRecord, ProductRecord } from "./producer-model.js";
import { JobStatus, TraceMode } from "./producer-enums.js";
import { TraceCodeType } from "../codes/index.js";
import type { IssueCodesRequest } from "./producer-requests.js";
import { batchDelta, checkMotherLengths, lengthsOf, type MotherLengths } from "./mother-lengths.js";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import { assertMakerOf, assertWriteRole } from "../access/write-access.js";
import type { JobRepository } from "../graph/job.repository.js";
import { checkpoint, type ClaimedJob, type JobContext, type JobHandler, type JobSignal } from "../jobs/job-runner.js";

export interface IssuanceOptions {
  /** Above this count an issuance runs as a background job. */
  inlineLimit: number;
  /** Codes per transaction: bounded transactions, never one giant one. */
  chunkSize: number;
  /** Chunks written at the same time, each in its own transaction (Neo4j runs each transaction on one core). */
  parallel: number;
  /** Retries of a chunk whose codes collide with existing ones (each with fresh codes). */
  collisionRetries: number;
  random: RandomSource;
}

export const DEFAULT_ISSUANCE: IssuanceOptions = {
  inlineLimit: 20_000,
  chunkSize: 10_000,
  parallel: 2,
  collisionRetries: 5,
  random: randomBytes,
};

export const MAX_CODES_PER_ISSUE = 1_000_000;

/** What issueCodes answers: `keys` for single-code modes, else the codes are paged by `issueId`. */
export interface CodeIssueRecord {
  issueId: string;
  issued: number;
  job: JobRecord | null;
  keys: string[] | null;
}

/** Which code types each trace mode issues per batch (the product and batch codes are their own keys). */
const ITEM_TYPES: Readonly<Record<TraceMode, readonly TraceCodeType[]>> = {
  [TraceMode.PER_PRODUCT]: [],
  [TraceMode.PER_BATCH]: [],
  [TraceMode.PER_ITEM]: [TraceCodeType.ITEM],
  [TraceMode.COMBINED]: [TraceCodeType.ITEM, TraceCodeType.BUNDLE, TraceCodeType.MOTHER, TraceCodeType.SEGMENT],
};

/** 一品一码 and 一批一码: the product's or batch's own key is its one code. */
const OWN_CODE_MODES: ReadonlySet<TraceMode> = new Set([TraceMode.PER_PRODUCT, TraceMode.PER_BATCH]);

interface IssueRun {
  batch: BatchRecord;
  product: ProductRecord;
  codeType: TraceCodeType;
  count: number;
  issueId: string;
  eventId: string;
  at: string;
  /** The job and lease the run's chunks are checkpointed under; null inline. */
  job: { id: string; owner: string; leaseMs: number } | null;
  /** 子母码 lengths given at issuance: then every mother is written in one transaction, never as a job. */
  mothers: MotherLengths | null;
}

/** What an issuance job stores: enough to resume it in any process (authorisation was checked when it was asked). */
interface IssueJobParams {
  batchId: string;
  productId: string;
  codeType: TraceCodeType;
  count: number;
  issueId: string;
  eventId: string;
  at: string;
  /** Codes per chunk (numbered part of the job), fixed when the job is stored so a resumed job splits alike. */
  chunkSize?: number;
}

/** Jobs stored before their chunk size was: they were written in chunks of this many, in order. */
const LEGACY_CHUNK_SIZE = 10_000;

/** The kind of the issuance jobs. */
export const ISSUE_JOB_KIND = "ISSUE_CODES";

/** Where large issuances go: the durable jobs of this process's queue, and the local worker to wake. */
export interface IssuanceJobs {
  store: JobRepository;
  queue: string;
  signal: JobSignal;
}

/**
 * 赋码: codes are issued as soon as basic info is complete (a recorded batch), until release. Item codes are generated
 * in Node and written in chunks, one transaction each; large issuances run as a job whose progress can be watched.
 * Uniqueness, also under concurrent issuance, comes from the Code.value / Obj.key constraints: a colliding chunk
 * rolls back and is retried with fresh codes.
 */
export class CodeIssuanceService implements JobHandler {
  readonly kind = ISSUE_JOB_KIND;
  private readonly options: IssuanceOptions;

  constructor(
    private readonly producers: ProducerRepository,
    private readonly codes: TraceCodeRepository,
    private readonly jobs: IssuanceJobs,
    private readonly logger?: Logger,
    options: Partial<IssuanceOptions> = {},
  ) {
    this.options = { ...DEFAULT_ISSUANCE, ...options };
  }

  async issueCodes(input: IssueCodesRequest, principal: Principal): Promise<CodeIssueRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "issue codes");
    const { batch, product } = await this.target(input, principal);
    if (batch) assertBatchOpen(batch);
    const at = new Date().toISOString();
    const issueId = `iss-${randomUUID()}`;
    if (OWN_CODE_MODES.has(product.traceMode) && input.count != null && input.count !== 1) {
      throw new BadUserInputError(
        `input.count: a ${product.traceMode} product has one code (the ${product.traceMode === TraceMode.PER_BATCH ? "batch's" : "product's"}); count is for item codes. Print it once per package with labels.pdf?copies=N`,
        { field: "input.count", rule: "count only for item codes" },
      );
    }
    if (OWN_CODE_MODES.has(product.traceMode)) {
      // Mother lengths belong to COMBINED mother codes: refused here like any other misplaced field.
      checkMotherLengths(input, TraceCodeType.BATCH, batch?.unit ?? "", this.options.inlineLimit);
    }
    switch (product.traceMode) {
      case TraceMode.PER_PRODUCT:
        return this.issueOwn(product.key, TraceCodeType.PRODUCT, product, batch, issueId, at);
      case TraceMode.PER_BATCH:
        if (!batch) throw requiredBatch(product);
        return this.issueOwn(batch.key, TraceCodeType.BATCH, product, batch, issueId, at);
      case TraceMode.PER_ITEM:
      case TraceMode.COMBINED: {
        if (!batch) throw requiredBatch(product);
        const codeType = checkCodeType(input.codeType ?? TraceCodeType.ITEM, product.traceMode);
        const { mothers, count } = checkMotherLengths(input, codeType, batch.unit, this.options.inlineLimit);
        return this.issueMany({
          batch,
          product,
          codeType,
          count: checkCount(count),
          issueId,
          eventId: `native:issue:${issueId}`,
          at,
          job: null,
          mothers,
        });
      }
      default:
        return unreachable(product.traceMode);
    }
  }

  async job(id: string): Promise<JobRecord> {
    const job = await this.codes.jobById(id);
    if (!job) throw new NotFoundError(`job ${id} does not exist`, { field: "id", value: id });
    return job;
  }

  /** A job as `principal` may see it: its owner's (and the operator's and a regulator's); NOT_FOUND otherwise. */
  async jobFor(id: string, principal: Principal): Promise<JobRecord> {
    const job = await this.job(id);
    if (!mayReadJob(principal, job.ownerOrganizationId)) {
      throw new NotFoundError(`job ${id} does not exist`, { field: "id", value: id });
    }
    return job;
  }

  /**
   * An earlier issuance by id (to page its codes, e.g. once its job is done): the batch's maker's, the operator's
   * and a regulator's (who may not list its codes); NOT_FOUND when unknown or another party's.
   */
  async codeIssue(issueId: string, principal: Principal): Promise<CodeIssueRecord> {
    const [job, issued] = await Promise.all([this.codes.jobById(issueId), this.codes.countOfIssue(issueId)]);
    const missing = () => new NotFoundError(`issuance ${issueId} does not exist`, { field: "issueId" });
    if (!job && issued === 0) throw missing();
    const owner = job?.ownerOrganizationId ?? (await this.codes.makerOfIssue(issueId));
    if (!mayReadJob(principal, owner)) throw missing();
    return { issueId, issued, job, keys: null };
  }

  /**
   * Runs (or resumes) an issuance job from its checkpoint: the codes still missing, chunk by chunk, each chunk and
   * the job's progress in one transaction under the worker's lease; between chunks it stops when asked to. The last
   * step ends the job and counts its codes on the batch, once.
   */
  async run(job: ClaimedJob, context: JobContext): Promise<void> {
    const params = JSON.parse(job.params) as Partial<IssueJobParams>;
    const [batch, product] = await Promise.all([
      params.batchId ? this.producers.batchById(params.batchId) : null,
      params.productId ? this.producers.productById(params.productId) : null,
    ]);
    if (!batch || !product || !params.codeType || !params.count || !params.issueId || !params.eventId || !params.at) {
      await this.endJob(job, context.owner, JobStatus.FAILED, "the job's batch or parameters are gone", params);
      return;
    }
    const run: IssueRun = {
      batch,
      product,
      codeType: params.codeType,
      count: params.count,
      issueId: params.issueId,
      eventId: params.eventId,
      at: params.at,
      job: { id: job.id, owner: context.owner, leaseMs: context.leaseMs },
      mothers: null,
    };
    const chunkSize = params.chunkSize ?? LEGACY_CHUNK_SIZE;
    const { parts } = await this.codes.partsDone(job.id);
    // A job stored before numbered parts checkpointed its chunks in order: its first `done` codes are written.
    if (params.chunkSize === undefined) for (let part = 0; part * chunkSize < job.done; part++) parts.add(part);
    const todo = chunkParts(run.count, chunkSize).filter((part) => !parts.has(part.index));
    try {
      await inParallel(todo, this.options.parallel, async (part) => {
        checkpoint(job, context);
        await this.writeChunk(run, part);
      });
    } catch (error) {
      // The batch was released meanwhile: final, with what was written counted. Anything else is retried.
      if (!(error instanceof ForbiddenError)) throw error;
      await this.endJob(job, context.owner, JobStatus.FAILED, error.message, params);
      return;
    }
    await this.endJob(job, context.owner, JobStatus.DONE, null, params);
  }

  async fail(job: ClaimedJob, owner: string, message: string): Promise<void> {
    this.logger?.error({ jobId: job.id, message }, "code issuance job failed");
    await this.endJob(job, owner, JobStatus.FAILED, message, JSON.parse(job.params) as Partial<IssueJobParams>);
  }

  private async endJob(
    job: ClaimedJob,
    owner: string,
    status: JobStatus,
    error: string | null,
    params: Partial<IssueJobParams>,
  ): Promise<void> {
    if (params.batchId) {
      const at = params.at ?? new Date().toISOString();
      await this.codes.finishIssueJob({ jobId: job.id, owner, status, error, batchId: params.batchId, at });
    } else {
      await this.jobs.store.finish(job.id, owner, status, { error });
    }
  }

  private async target(
    input: IssueCodesRequest,
    principal: Principal,
  ): Promise<{ batch: BatchRecord | null; product: ProductRecord }> {
    const batchId = input.batchId?.trim();
    const productId = batchId ? null : input.productId?.trim();
    if (!batchId && !productId) {
      throw new BadUserInputError("give input.batchId (or input.productId for PER_PRODUCT)", {
        field: "input.batchId",
        rule: "required",
      });
    }
    const batch = batchId ? await this.producers.batchById(batchId) : null;
    const missingBatch = () => new NotFoundError(`batch ${batchId} does not exist`, { field: "input.batchId" });
    if (batchId && !batch) throw missingBatch();
    const id = batch?.productId ?? productId ?? "";
    const product = await this.producers.productById(id);
    const missingProduct = () => new NotFoundError(`product ${id} does not exist`, { field: "input.productId" });
    if (!product) throw missingProduct();
    // Another maker's batch or product answers as one that does not exist.
    assertMakerOf(principal, product.manufacturerId, batch ? missingBatch : missingProduct);
    return { batch, product };
  }

  /** 一品一码 / 一批一码: the code is the product's or batch's key; issuing it twice issues nothing new. */
  private async issueOwn(
    key: string,
    codeType: TraceCodeType,
    product: ProductRecord,
    batch: BatchRecord | null,
    issueId: string,
    at: string,
  ): Promise<CodeIssueRecord> {
    const own = await this.codes.issueOwnCode({ key, codeType, mode: product.traceMode, issueId, at });
    if (batch) await this.codes.finishIssue(batch.id, own.fresh && codeType === TraceCodeType.BATCH ? 1 : 0, at);
    return { issueId: own.issueId, issued: own.fresh ? 1 : 0, job: null, keys: [key] };
  }

  private async issueMany(run: IssueRun): Promise<CodeIssueRecord> {
    if (run.mothers) await this.assertMothersFit(run.batch.id, run.mothers, run.count);
    await this.writeIssueEvent(run);
    if (run.count <= this.options.inlineLimit) {
      const issued = await this.runChunks(run);
      return { issueId: run.issueId, issued, job: null, keys: null };
    }
    // Stored with everything needed to run it before it is answered; a job worker (this process's or another's)
    // runs it, and resumes it from its last chunk after a crash or a shutdown.
    const params: IssueJobParams = {
      batchId: run.batch.id,
      productId: run.product.id,
      codeType: run.codeType,
      count: run.count,
      issueId: run.issueId,
      eventId: run.eventId,
      at: run.at,
      chunkSize: this.options.chunkSize,
    };
    await this.jobs.store.create({
      id: run.issueId,
      kind: ISSUE_JOB_KIND,
      queue: this.jobs.queue,
      total: run.count,
      params: JSON.stringify(params),
      extra: { batchId: run.batch.id, ownerOrganizationId: run.product.manufacturerId },
    });
    this.jobs.signal.wake();
    return { issueId: run.issueId, issued: 0, job: await this.job(run.issueId), keys: null };
  }

  /**
   * Refuses, before anything is written, mothers whose lengths would take the batch past its quantity; the write
   * checks again under the batch's lock (mothersOverQuantity), for issuances and links running at the same time.
   */
  private async assertMothersFit(batchId: string, mothers: MotherLengths, count: number): Promise<void> {
    if (mothers.toBatchUnit === null) return;
    const found = await this.codes.batchMothers(batchId);
    if (!found) return;
    const total = found.mothersLength + batchDelta(mothers, lengthsOf(mothers, 0, count));
    if (total > found.quantity * (1 + 1e-9))
      throw mothersOverQuantity(mothers.field, total, found.quantity, found.unit);
  }

  /** The issuance is an event of its own: every IN_LOT edge it writes names it as provenance. */
  private async writeIssueEvent(run: IssueRun): Promise<void> {
    const plan = emptyWritePlan();
    plan.events.push({
      eventId: run.eventId,
      type: "NativeCodeIssuance",
      eventTime: run.at,
      recordTime: run.at,
      action: "ADD",
      bizStep: "commissioning",
      objectKeys: [run.batch.key],
      ...nativeMatchKeys([run.batch.key]),
      document: JSON.stringify({
        batchId: run.batch.id,
        batchNo: run.batch.batchNo,
        codeType: run.codeType,
        count: run.count,
        issueId: run.issueId,
      }),
      hashedId: false,
    });
    await this.codes.write(plan, "codes.issueEvent");
  }

  /**
   * Writes every chunk, then the batch's count and status once; on failure still counts what was written. Mothers
   * with lengths are one chunk: their sum is checked against the batch's quantity for the whole issuance at once.
   */
  private async runChunks(run: IssueRun): Promise<number> {
    let issued = 0;
    const parts = chunkParts(run.count, run.mothers ? run.count : this.options.chunkSize);
    try {
      await inParallel(parts, this.options.parallel, async (part) => {
        // Read `issued` only once the chunk is written: `issued += await ...` would add to the value from before.
        const written = await this.writeChunk(run, part);
        issued += written;
      });
    } finally {
      await this.codes.finishIssue(run.batch.id, issued, run.at);
    }
    return issued;
  }

  /** One numbered chunk of the issuance in its own transaction (with the job's checkpoint of that part, for a job). */
  private async writeChunk(run: IssueRun, part: ChunkPart): Promise<number> {
    const prefix = issuerPrefix(run.product.manufacturerId);
    const mothers = run.mothers && motherChunk(run.mothers, part.start, part.size);
    for (let attempt = 0; ; attempt++) {
      const codes = generateTraceCodes(run.codeType, prefix, part.size, this.options.random);
      // In key order, the chunk's entries go into the unique and composite indexes side by side instead of at random
      // places (fewer page touches and splits: ~10% less store CPU per code, more in wall time under two writers;
      // bench/experiments/code-write-plans.ts). Random codes have no order of their own; a mother keeps its length's.
      if (!mothers) codes.sort();
      try {
        const written = await this.codes.issueChunk({
          batchId: run.batch.id,
          issueId: run.issueId,
          eventId: run.eventId,
          at: run.at,
          codes,
          kind: KIND_OF_TRACE_CODE_TYPE[run.codeType],
          codeType: run.codeType,
          mode: run.product.traceMode,
          job: run.job && { ...run.job, part: part.index },
          seeEvent: part.index === 0,
          mothers,
        });
        if (written === 0) {
          throw new ForbiddenError(`batch ${run.batch.id} was released during issuance`, { batchId: run.batch.id });
        }
        return written;
      } catch (error) {
        // 50 random bits make a collision all but impossible; when it happens anyway, draw again.
        if (!(error instanceof ConflictError) || attempt >= this.options.collisionRetries) throw error;
        this.logger?.warn({ batchId: run.batch.id, attempt }, "trace code collision: retrying the chunk");
      }
    }
  }
}

/** A chunk of an issuance: its number (the job's part), its first code's position and its size. */
interface ChunkPart {
  index: number;
  start: number;
  size: number;
}

function chunkParts(count: number, chunkSize: number): ChunkPart[] {
  const parts: ChunkPart[] = [];
  for (let start = 0, index = 0; start < count; start += chunkSize, index++) {
    parts.push({ index, start, size: Math.min(chunkSize, count - start) });
  }
  return parts;
}

/**
 * Runs `work` over `items`, at most `parallel` at a time, in order of start. After a failure no further item starts;
 * the ones running are awaited, then the first failure is thrown.
 */
async function inParallel<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** The lengths of one chunk of mothers as the repository writes them, with what they add to the batch's sum. */
function motherChunk(mothers: MotherLengths, start: number, size: number) {
  const lengths = lengthsOf(mothers, start, size);
  return {
    lengths,
    unit: mothers.unit,
    batchDelta: batchDelta(mothers, lengths),
    checkQuantity: mothers.toBatchUnit !== null,
    field: mothers.field,
  };
}

function requiredBatch(product: ProductRecord): BadUserInputError {
  return new BadUserInputError(`${product.traceMode} codes are issued per batch: give input.batchId`, {
    field: "input.batchId",
    rule: `required for ${product.traceMode}`,
  });
}

function checkCodeType(codeType: TraceCodeType, mode: TraceMode): TraceCodeType {
  if (!ITEM_TYPES[mode].includes(codeType)) {
    throw new BadUserInputError(`${mode} does not issue ${codeType} codes (allowed: ${ITEM_TYPES[mode].join(", ")})`, {
      field: "input.codeType",
      value: codeType,
      rule: "code type of trace mode",
    });
  }
  return codeType;
}

function checkCount(count: number | null | undefined): number {
  if (count === null || count === undefined || !Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_ISSUE) {
    throw new BadUserInputError(`count must be from 1 to ${MAX_CODES_PER_ISSUE}`, {
      field: "input.count",
      value: String(count),
      rule: "range",
    });
  }
  return count;
}

function unreachable(value: never): never {
  throw new Error(`unexpected trace mode ${String(value)}`);
}
