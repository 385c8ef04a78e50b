import { randomUUID } from "node:crypto";
import type { JobRecord, TraceCodeRecord } from "../producer/producer-model.js";
import type { Executor, QueryRunner, Row } from "./executor.js";
import type { ObjectKind, WritePlan } from "./flow-model.js";
import { writePlanInTx, type WriteOutcome } from "./flow-writer.repository.js";
import { recordScan } from "./scan.queries.js";
import * as P from "./code-printing.queries.js";
import * as Q from "./trace-code.queries.js";
import * as V from "./viewers.queries.js";
import * as J from "./job.queries.js";
import { codeVoidEvent, type EventActor } from "./native-event.queries.js";
import { checkpointInTx } from "./job.repository.js";
import { raiseHistory } from "./visibility-marks.js";
import { BadUserInputError } from "../errors/app-errors.js";
import type { CodeStatus, JobStatus, TraceMode } from "../producer/producer-enums.js";
import type { TraceCodeType } from "../codes/index.js";

/** A code as stored, before the service adds its QR URL. */
export type CodeRow = Omit<TraceCodeRecord, "url">;

/** One chunk of codes to create under a batch. */
export interface IssueChunk {
  batchId: string;
  issueId: string;
  eventId: string;
  at: string;
  codes: string[];
  kind: ObjectKind;
  codeType: string;
  mode: string;
  /**
   * The job the chunk is a step of: its progress is checkpointed in the chunk's own transaction, for the lease holder
   * only, so `done` never runs ahead of the codes and a job taken over never writes a chunk twice.
   */
  job: { id: string; owner: string; leaseMs: number; part: number } | null;
  /**
   * The issuance's first chunk also lets whoever follows the lot list the issuance event (viewers.seeIssuance): once,
   * so chunks written in parallel never MERGE the same relationships at the same time.
   */
  seeEvent: boolean;
  /**
   * 子母码 lengths given at issuance, one per code: kept on each mother, their sum (`batchDelta`, in the batch's
   * unit) added to the batch's and, when `checkQuantity`, refused (naming `field`) above the batch's quantity.
   */
  mothers?: { lengths: number[]; unit: string; batchDelta: number; checkQuantity: boolean; field: string } | null;
}

/** What linkCodes reads under the parent's lock. */
export interface LinkState {
  parent: Row | null;
  batchQuantity: number | null;
  batchUnit: string | null;
  /** What the batch's mother codes add up to, in the batch's unit (their lengths as stored). */
  batchMothersLength: number;
  children: { key: string; known: boolean; kind: string | null; codeType: string | null; parents: string[] }[];
  segments: { code: string; start: number | null; end: number | null; unit: string | null }[];
  /** Keys of the objects the parent is contained in, directly or not. */
  containers: string[];
}

/** A batch's quantity beside its mother codes (batchMassBalance). */
export interface BatchMothers {
  quantity: number;
  unit: string;
  /** The sum of its mothers' lengths in the batch's unit (kept only when the unit measures length). */
  mothersLength: number;
  mothers: number;
  /** Mothers with a known length (given at issuance or at their first link). */
  measured: number;
}

/** What linkCodes writes: containment edges (as a WritePlan) and the parent's length when given. */
export interface LinkWrite {
  plan: WritePlan;
  length: { value: number; unit: string; batchDelta: number } | null;
}

/** recordScan's parameters (scan.queries.ts). */
export interface ScanWrite {
  event: { eventId: string; eventTime: string; recordTime: string; props: Record<string, unknown> };
  scan: {
    id: string;
    eventId: string;
    objectKey: string;
    at: string;
    bizStep: string;
    role: string;
    regionCode: string;
  };
  /** The kind an unknown object joins the graph with; null: an unknown object is not created (nothing is written). */
  objectKind: ObjectKind | null;
}

export interface ScanWriteResult {
  /** The scanned object as it was before this scan. */
  state: ObjectState;
  /** The event id was recorded before: nothing was written. */
  duplicate: boolean;
  written: boolean;
  /** The scan's alert (the stored one for a duplicate), with its responsible organisation's properties. */
  alert: Row | null;
  organization: Row | null;
}

export interface ObjectState {
  key: string;
  known: boolean;
  codeStatus: string | null;
  batchId: string | null;
  batchStatus: string | null;
}

/** Codes: bulk issuance, lookup, lifecycle, linking; and the native events (shipments, scans) that name them. */
export class TraceCodeRepository {
  constructor(private readonly executor: Executor) {}

  async write(plan: WritePlan, name: string): Promise<WriteOutcome> {
    return this.executor.writeTx(name, (tx) => writePlanInTx(tx, plan));
  }

  /** The chunks of an issuance job already written (by number), and its count of codes. */
  async partsDone(jobId: string): Promise<{ parts: Set<number>; done: number }> {
    const rows = await this.executor.read(J.jobPartsDone(jobId));
    const parts = (rows[0]?.parts as unknown[] | undefined) ?? [];
    return { parts: new Set(parts.map(Number)), done: Number(rows[0]?.done ?? 0) };
  }

  async jobById(id: string): Promise<JobRecord | null> {
    const rows = await this.executor.read(Q.jobById(id));
    return rows[0] ? toJob(rows[0].job as Row) : null;
  }

  /** Creates one chunk in its own transaction; returns how many were written (0: the batch is no longer open). */
  async issueChunk(chunk: IssueChunk): Promise<number> {
    return this.executor.writeTx("codes.issueChunk", async (tx) => {
      const { job, mothers, seeEvent, ...codes } = chunk;
      if (mothers) await reserveMotherLength(tx, chunk.batchId, mothers);
      const rows = await tx.rows(Q.issueChunk(codes));
      const written = Number(rows[0]?.written ?? 0);
      if (written > 0 && seeEvent) await tx.rows(V.seeIssuance(codes.batchId, codes.eventId));
      if (mothers && written > 0) {
        const lengths = codes.codes.map((code, i) => ({ code, length: mothers.lengths[i] ?? null }));
        await tx.rows(Q.setMotherLengths(lengths, mothers.unit));
      }
      if (job) {
        await checkpointInTx(tx, J.jobPartProgress(job.id, job.owner, written, job.leaseMs, job.part), job.id);
      }
      return written;
    });
  }

  /**
   * Ends an issuance job (DONE or FAILED) and counts every code it wrote, over all its attempts, on the batch: in one
   * transaction, for the lease holder only, so the batch's count is added exactly once.
   */
  async finishIssueJob(end: {
    jobId: string;
    owner: string;
    status: JobStatus;
    error: string | null;
    batchId: string;
    at: string;
  }): Promise<void> {
    await this.executor.writeTx("codes.finishIssueJob", async (tx) => {
      const done = await checkpointInTx(
        tx,
        J.finishJob(end.jobId, end.owner, end.status, { error: end.error }),
        end.jobId,
      );
      await finishIssueInTx(tx, end.batchId, done, end.at);
    });
  }

  async finishIssue(batchId: string, issued: number, at: string): Promise<void> {
    await this.executor.writeTx("codes.finishIssue", (tx) => finishIssueInTx(tx, batchId, issued, at));
  }

  /** 一品一码 / 一批一码: marks the product's or batch's own key as issued; `fresh` when it was not before. */
  async issueOwnCode(params: {
    key: string;
    codeType: string;
    mode: string;
    issueId: string;
    at: string;
  }): Promise<{ fresh: boolean; issueId: string }> {
    const rows = await this.executor.writeTx("codes.issueOwnCode", async (tx) => {
      const issued = await tx.rows(Q.issueOwnCode(params));
      // The maker's marks on its product's or batch's own code are new: the edges that read them see it now.
      await tx.rows(V.refreshAround([{ key: params.key, out: true, in: true }]));
      return issued;
    });
    return { fresh: rows[0]?.fresh === true, issueId: String(rows[0]?.issueId ?? params.issueId) };
  }

  async codesByKeys(keys: readonly string[]): Promise<CodeRow[]> {
    const rows = await this.executor.read(Q.codesByKeys(keys));
    return rows.map((row) => toCode(row.code as Row));
  }

  /** A page of an issuance's codes in value order, after the keyset position `after`. */
  async codesOfIssue(issueId: string, after: string | null, limit: number): Promise<CodeRow[]> {
    const rows = await this.executor.read(Q.codesOfIssue(issueId, after, limit));
    return rows.map((row) => toCode(row.code as Row));
  }

  /** A page of a batch's codes (optionally of one type) in value order, after the keyset position `after`. */
  async codesOfBatch(
    batchId: string,
    filter: { codeType: string | null; status: string | null },
    after: string | null,
    limit: number,
  ): Promise<CodeRow[]> {
    const rows = await this.executor.read(Q.codesOfBatch(batchId, filter.codeType, after, limit, filter.status));
    return rows.map((row) => toCode(row.code as Row));
  }

  async makerOfIssue(issueId: string): Promise<string | null> {
    const rows = await this.executor.read(Q.makerOfIssue(issueId));
    return (rows[0]?.manufacturerId as string | undefined) ?? null;
  }

  async countOfIssue(issueId: string): Promise<number> {
    const rows = await this.executor.read(Q.countOfIssue(issueId));
    return Number(rows[0]?.issued ?? 0);
  }

  /** Voids a code and records the void as an event of its own, in one transaction. */
  async voidCode(key: string, reason: string, actor: EventActor): Promise<CodeRow | null> {
    return this.executor.writeTx("codes.void", async (tx) => {
      const rows = await tx.rows(Q.voidCode(key, reason));
      if (!rows[0]) return null;
      await tx.rows(codeVoidEvent(key, reason, actor));
      return toCode(rows[0].code as Row);
    });
  }

  async markPrinted(keys: readonly string[]): Promise<number> {
    const rows = await this.executor.write(P.markPrintedKeys(keys));
    return Number(rows[0]?.marked ?? 0);
  }

  /** Marks all of a batch's unprinted codes (its own code too), one bounded transaction per chunk. */
  async markBatchPrinted(batchId: string, chunk: number): Promise<number> {
    let total = Number((await this.executor.write(P.markPrintedOwnCodes(batchId)))[0]?.marked ?? 0);
    for (;;) {
      const rows = await this.executor.write(P.markPrintedBatchChunk(batchId, chunk));
      const marked = Number(rows[0]?.marked ?? 0);
      total += marked;
      if (marked < chunk) return total;
    }
  }

  /** The keys among `keys` that are no printable code of the batch (its label sheet's codes). */
  async codesOutsideBatch(batchId: string, keys: readonly string[]): Promise<string[]> {
    return (await this.executor.read(P.codesOutsideBatch(batchId, keys))).map((row) => row.key as string);
  }

  /**
   * linkCodes in one transaction: lock the parent, read it with its batch, its children-to-be and its segments,
   * let `decide` validate (it may throw, rolling back) and return what to write.
   */
  async link(parentKey: string, childKeys: readonly string[], decide: (state: LinkState) => LinkWrite): Promise<void> {
    await this.executor.writeTx("codes.link", async (tx) => {
      const decision = decide(await readLinkState(tx, parentKey, childKeys, true));
      const length = decision.length;
      if (length) await tx.rows(Q.setParentLength(parentKey, length.value, length.unit, length.batchDelta));
      await writePlanInTx(tx, decision.plan);
    });
  }

  /** A batch's quantity and its mother codes (count, with a length, their sum in the batch's unit); null if unknown. */
  async batchMothers(batchId: string): Promise<BatchMothers | null> {
    const row = (await this.executor.read(Q.batchMothers(batchId)))[0];
    if (!row) return null;
    return {
      quantity: Number(row.quantity),
      unit: String(row.unit),
      mothersLength: Number(row.mothersLength),
      mothers: Number(row.mothers),
      measured: Number(row.measured),
    };
  }

  async linkState(parentKey: string): Promise<LinkState> {
    return this.executor.readTx("codes.linkState", (tx) => readLinkState(tx, parentKey, [], false));
  }

  /** The maker (manufacturer id) of each code, null where the key is no code of a registered product. */
  async makersOfCodes(keys: readonly string[]): Promise<Map<string, string | null>> {
    const rows = await this.executor.read(Q.makersOfCodes(keys));
    return new Map(rows.map((r) => [r.key as string, (r.manufacturerId as string | null) ?? null]));
  }

  async batchKey(batchId: string): Promise<string | null> {
    const rows = await this.executor.read(Q.batchKey(batchId));
    return (rows[0]?.key as string | undefined) ?? null;
  }

  async objectByKey(key: string): Promise<Row | null> {
    const rows = await this.executor.read(Q.objectByKey(key));
    return (rows[0]?.object as Row | undefined) ?? null;
  }

  async objectStates(keys: readonly string[]): Promise<ObjectState[]> {
    const rows = await this.executor.read(Q.objectStates(keys));
    return rows.map((row) => ({
      key: String(row.key),
      known: row.known === true,
      codeStatus: (row.codeStatus as string | null) ?? null,
      batchId: (row.batchId as string | null) ?? null,
      batchStatus: (row.batchStatus as string | null) ?? null,
    }));
  }

  /**
   * A market scan in one statement (recordScan): the object's state before it, the scan written and judged unless
   * the event was recorded before (or the object is unknown and `scan.objectKind` is null), and its alert.
   */
  async recordScan(scan: ScanWrite): Promise<ScanWriteResult> {
    const rows = await this.executor.write(recordScan(scan, randomUUID()));
    const row = rows[0] ?? {};
    return {
      state: {
        key: scan.scan.objectKey,
        known: row.known === true,
        codeStatus: (row.codeStatus as string | null) ?? null,
        batchId: (row.batchId as string | null) ?? null,
        batchStatus: (row.batchStatus as string | null) ?? null,
      },
      duplicate: row.duplicate === true,
      written: row.written === true,
      alert: (row.alert as Row | null) ?? null,
      organization: (row.organization as Row | null) ?? null,
    };
  }

  /** The stored document of a native event, e.g. to answer a repeated shipment with what was recorded first. */
  async eventDocument(eventId: string): Promise<Record<string, unknown> | null> {
    const rows = await this.executor.read(Q.eventDocument(eventId));
    const document = rows[0]?.document;
    return typeof document === "string" ? (JSON.parse(document) as Record<string, unknown>) : null;
  }
}

async function readLinkState(tx: QueryRunner, parentKey: string, childKeys: readonly string[], lock: boolean) {
  const [parentRows, children, segments, containers] = [
    await tx.rows(Q.linkParent(parentKey, lock)),
    await tx.rows(Q.linkChildren(childKeys)),
    await tx.rows(Q.segmentsOfParent(parentKey)),
    await tx.rows(Q.containersOf(parentKey)),
  ];
  const parent = parentRows[0];
  return {
    parent: (parent?.parent as Row | undefined) ?? null,
    batchQuantity: parent?.batchQuantity == null ? null : Number(parent.batchQuantity),
    batchUnit: (parent?.batchUnit as string | null | undefined) ?? null,
    batchMothersLength: Number(parent?.batchMothersLength ?? 0),
    children: children.map((row) => ({
      key: String(row.key),
      known: row.known === true,
      kind: (row.kind as string | null) ?? null,
      codeType: (row.codeType as string | null) ?? null,
      parents: (row.parents as string[]) ?? [],
    })),
    segments: segments.map((row) => ({
      code: String(row.code),
      start: row.start == null ? null : Number(row.start),
      end: row.end == null ? null : Number(row.end),
      unit: (row.unit as string | null) ?? null,
    })),
    containers: (containers[0]?.keys as string[] | undefined) ?? [],
  };
}

function toCode(row: Row): CodeRow {
  return {
    value: String(row.value),
    mode: row.mode as TraceMode,
    status: row.status as CodeStatus,
    codeType: row.codeType as TraceCodeType,
    batchId: (row.batchId as string | null) ?? null,
    productId: (row.productId as string | null) ?? null,
    issuedAt: typeof row.issuedAt === "string" ? new Date(row.issuedAt) : null,
    voidReason: (row.voidReason as string | null) ?? null,
  };
}

function toJob(row: Row): JobRecord {
  return {
    id: String(row.id),
    kind: String(row.kind),
    status: row.status as JobStatus,
    total: Number(row.total ?? 0),
    done: Number(row.done ?? 0),
    error: (row.error as string | null) ?? null,
    createdAt: new Date(String(row.createdAt)),
    finishedAt: typeof row.finishedAt === "string" ? new Date(row.finishedAt) : null,
    ownerOrganizationId: typeof row.ownerOrganizationId === "string" ? row.ownerOrganizationId : null,
  };
}

/**
 * Adds a chunk's mother lengths to the batch's sum under the batch's lock; over the batch's quantity the whole
 * transaction is refused (BAD_USER_INPUT naming the lengths' field), so nothing of the issuance is written.
 */
async function reserveMotherLength(
  tx: QueryRunner,
  batchId: string,
  mothers: NonNullable<IssueChunk["mothers"]>,
): Promise<void> {
  const row = (await tx.rows(Q.addMotherLength(batchId, mothers.batchDelta)))[0];
  if (!row || !mothers.checkQuantity) return;
  const total = Number(row.total);
  const quantity = Number(row.quantity);
  if (total > quantity * (1 + 1e-9)) throw mothersOverQuantity(mothers.field, total, quantity, String(row.unit));
}

/** The refusal of mother codes whose lengths would add up to more than their batch's quantity. */
export function mothersOverQuantity(field: string, total: number, quantity: number, unit: string): BadUserInputError {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return new BadUserInputError(
    `${field}: the batch's mother codes would add up to ${round(total)} ${unit}, more than its quantity of ${quantity} ${unit}`,
    { field, rule: "mothers within batch quantity" },
  );
}

/**
 * Counts an issuance's codes on its batch and, when it wrote any, raises the maker's history mark on the batch and
 * what it was made of to the issuance's time (the maker originated the codes then: API-CONTRACT §6). Once per
 * issuance, after its chunks: the batch is locked for writing first here, so concurrent issuances' chunks (which only
 * add relationships to it) never deadlock with it.
 */
async function finishIssueInTx(tx: QueryRunner, batchId: string, issued: number, at: string): Promise<void> {
  const [row] = await tx.rows(Q.finishIssue(batchId, issued, at));
  if (!row || issued <= 0 || typeof row.batchKey !== "string" || typeof row.maker !== "string") return;
  await raiseHistory(tx, [{ key: row.batchKey, party: row.maker, at: Date.parse(at) }]);
}
