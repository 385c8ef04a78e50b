import { randomUUID } from "node:crypto";
import { generateTraceCode, issuerPrefix, lotKey } from "../codes/index.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import { emptyWritePlan, type ObjectKind, type WritePlan } from "../graph/flow-model.js";
import type { ExtendedChange, LockedBatch, ProducerRepository } from "../graph/producer.repository.js";
import { checkBatchInfo, type BatchInfo } from "./batch-info.js";
import { applyExtendedPatch, checkExtended } from "./extended-info.js";
import { rejectProblems, requiredText, type FieldProblem } from "./field-problem.js";
import type { BatchRecord } from "./producer-model.js";
import { BatchStatus } from "./producer-enums.js";
import type { BatchRequest } from "./producer-requests.js";

/** Who changes a batch's info, and why; every change is a Revision written with it. */
export interface ChangeRequest {
  batchId: string;
  extended: Record<string, unknown>;
  reason: string;
  actor: string | null;
}

const FROZEN: readonly BatchStatus[] = [BatchStatus.RELEASED, BatchStatus.RECALLED];

/**
 * Batches: basic trace info checked when recorded, extended info revised until release (出厂), frozen after it but
 * for audited corrections (内部审核).
 */
export class BatchService {
  constructor(private readonly repository: ProducerRepository) {}

  async createBatch(input: BatchRequest, now: Date = new Date()): Promise<BatchRecord> {
    const product = await this.repository.productById(input.productId.trim());
    if (!product) {
      throw new NotFoundError(`product ${input.productId} does not exist`, { field: "input.productId" });
    }
    const { info, problems } = checkBatchInfo(input, product, now);
    rejectProblems(problems);
    const id = `${product.id}:${info.batchNo}`;
    // With a GTIN the batch is the GS1 lot; without one it gets a batch trace code (一批一码), also its key.
    const key = product.gtin
      ? lotKey(product.gtin, info.batchNo)
      : generateTraceCode("BATCH", issuerPrefix(product.manufacturerId));
    const node = {
      ...info,
      id,
      key,
      extended: JSON.stringify(info.extended),
      components: info.components.map((c) => c.key),
    };
    await this.repository.createBatch(node, product.gtin === null, componentPlan(id, key, info, now));
    return this.batch(id);
  }

  async batch(id: string): Promise<BatchRecord> {
    const batch = await this.repository.batchById(id);
    if (!batch) throw new NotFoundError(`batch ${id} does not exist`, { field: "batchId", value: id });
    return batch;
  }

  /** 扩展追溯信息: allowed until release; a patch that changes nothing writes no revision. */
  async updateBatchInfo(request: ChangeRequest): Promise<BatchRecord> {
    const { reason, extended } = checkChangeRequest(request);
    await this.repository.changeExtended(request.batchId, (locked) => {
      if (FROZEN.includes(locked.batch.status)) {
        throw new ForbiddenError(
          `batch ${request.batchId} is ${locked.batch.status}: its trace info is frozen; use correctReleasedBatch`,
          { batchId: request.batchId, rule: "frozen after release" },
        );
      }
      return change(locked, extended, reason, request.actor, false);
    });
    return this.batch(request.batchId);
  }

  /** A correction after release: audited, flagged for internal audit, never silent. */
  async correctReleasedBatch(request: ChangeRequest): Promise<BatchRecord> {
    const { reason, extended } = checkChangeRequest(request);
    await this.repository.changeExtended(request.batchId, (locked) => {
      if (!FROZEN.includes(locked.batch.status)) {
        throw new ForbiddenError(`batch ${request.batchId} is not released yet: use updateBatchInfo`, {
          batchId: request.batchId,
          rule: "corrections only after release",
        });
      }
      return change(locked, extended, reason, request.actor, true);
    });
    return this.batch(request.batchId);
  }

  /** 出厂: needs issued codes; releasing a released batch again changes nothing. */
  async releaseBatch(batchId: string): Promise<BatchRecord> {
    await this.repository.release(batchId, ({ batch }) => {
      if (batch.status === BatchStatus.RELEASED) return false;
      if (batch.status === BatchStatus.RECALLED) {
        throw new ForbiddenError(`batch ${batchId} is recalled`, { batchId, rule: "recalled" });
      }
      if (batch.status === BatchStatus.DRAFT) {
        throw new ForbiddenError(`batch ${batchId} has no codes yet: issue codes before release`, {
          batchId,
          rule: "codes before release",
        });
      }
      return true;
    });
    return this.batch(batchId);
  }

  /**
   * 召回: a released batch is marked RECALLED with a reason (shown on its codes' consumer page) and an audited
   * revision. Recalling a recalled batch again changes nothing; a batch not yet released cannot be recalled.
   */
  async recallBatch(request: { batchId: string; reason: string; actor: string | null }): Promise<BatchRecord> {
    const reason = request.reason.trim();
    if (reason === "") {
      throw new BadUserInputError("reason: a recall needs a reason", { field: "reason", rule: "non-empty" });
    }
    const revision = { reason, actor: request.actor, revisionId: `rev-${randomUUID()}` };
    await this.repository.recall(request.batchId, revision, ({ batch }) => {
      if (batch.status === BatchStatus.RECALLED) return false;
      if (batch.status !== BatchStatus.RELEASED) {
        throw new ForbiddenError(`batch ${request.batchId} is ${batch.status}: only released batches are recalled`, {
          batchId: request.batchId,
          rule: "recall after release",
        });
      }
      return true;
    });
    return this.batch(request.batchId);
  }
}

function checkChangeRequest(request: ChangeRequest) {
  const problems: FieldProblem[] = [];
  const reason = requiredText(request.reason, "reason", problems);
  const extended = checkExtended(request.extended, "extended", problems);
  if (Object.keys(extended).length === 0) {
    problems.push({ field: "extended", rule: "non-empty", message: "names no field to change" });
  }
  rejectProblems(problems);
  return { reason, extended };
}

function change(
  locked: LockedBatch,
  patch: Record<string, unknown>,
  reason: string,
  actor: string | null,
  correction: boolean,
): ExtendedChange | null {
  const { next, changes } = applyExtendedPatch(locked.batch.extended, patch);
  if (Object.keys(changes).length === 0) return null;
  const at = new Date().toISOString();
  return { extended: next, revision: { id: `rev-${randomUUID()}`, at, reason, actor, changes }, correction };
}

/** Component lots and items become TRANSFORMED_INTO edges into the batch, with the batch record as their event. */
function componentPlan(batchId: string, batchKey: string, info: BatchInfo, now: Date): WritePlan {
  const plan = emptyWritePlan();
  if (info.components.length === 0) return plan;
  const eventId = `native:batch:${batchId}`;
  // Components went in during production: the edge holds from the production day on.
  const at = new Date(`${info.productionDate}T00:00:00+08:00`).toISOString();
  const keys = [...new Set(info.components.map((c) => c.key))];
  plan.events.push({
    eventId,
    type: "NativeBatchRecord",
    eventTime: at,
    recordTime: now.toISOString(),
    bizStep: "commissioning",
    objectKeys: [batchKey, ...keys],
    document: JSON.stringify({ batchId, batchKey, components: keys }),
    hashedId: false,
  });
  for (const component of info.components) {
    plan.objects.push({ key: component.key, kind: component.kind as ObjectKind });
  }
  plan.edges.push(...keys.map((from) => ({ kind: "TRANSFORMED_INTO" as const, from, to: batchKey, eventId, at })));
  return plan;
}

/** Codes may be issued until release (出厂). */
export function assertBatchOpen(batch: BatchRecord): void {
  if (FROZEN.includes(batch.status)) {
    throw new ForbiddenError(`batch ${batch.id} is ${batch.status}`, { batchId: batch.id, rule: "before release" });
  }
}
