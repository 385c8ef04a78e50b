import { randomUUID } from "node:crypto";
import { generateTraceCode, issuerPrefix, lotKey } from "../codes/index.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import { emptyWritePlan, type ObjectKind, type WritePlan } from "../graph/flow-model.js";
import type { ExtendedChange, LockedBatch, ProducerRepository } from "../graph/producer.repository.js";
import type { FindingWrite } from "../graph/producer.queries.js";
import type { Page } from "../graph/keyset-page.js";
import { idPage } from "../paging/id-page.js";
import { readScope } from "../access/read-scope.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import { checkBatchInfo, type BatchInfo } from "./batch-info.js";
import { applyExtendedPatch, checkExtended } from "./extended-info.js";
import { rejectProblems, requiredText, type FieldProblem } from "./field-problem.js";
import type { BatchRecord } from "./producer-model.js";
import { BatchStatus } from "./producer-enums.js";
import type { BatchRequest } from "./producer-requests.js";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import type { ReadAccess } from "../access/read-access.js";
import { InspectionStatus } from "./inspection.js";
import { changeBatchBasics, type BatchBasicsPatch } from "./batch-basics-change.js";
import { actorOf, actorProps, assertMakerOf, assertWriteRole, type Actor } from "../access/write-access.js";

/** Who changes a batch's info, and why; every change is a Revision written with it. */
export interface ChangeRequest {
  batchId: string;
  extended: Record<string, unknown>;
  reason: string;
  /** An operator's name, kept as a note beside the authenticated actor. */
  note?: string | null;
}

export interface BasicsChangeRequest {
  batchId: string;
  patch: BatchBasicsPatch;
  reason: string;
  /** An operator's name, kept as a note beside the authenticated actor. */
  note?: string | null;
}

export interface BatchListFilterInput {
  productId?: string | null;
  manufacturerId?: string | null;
  status?: BatchStatus | null;
  producedFrom?: Date | null;
  producedTo?: Date | null;
}

const FROZEN: readonly BatchStatus[] = [BatchStatus.RELEASED, BatchStatus.RECALLED];

/**
 * Batches: basic trace info checked when recorded, extended info revised until release (出厂), frozen after it but
 * for audited corrections (内部审核).
 */
export class BatchService {
  constructor(
    private readonly repository: ProducerRepository,
    private readonly readAccess: ReadAccess,
  ) {}

  async createBatch(input: BatchRequest, principal: Principal, now: Date = new Date()): Promise<BatchRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "create batches");
    const product = await this.repository.productById(input.productId.trim());
    const missing = () => new NotFoundError(`product ${input.productId} does not exist`, { field: "input.productId" });
    if (!product) throw missing();
    assertMakerOf(principal, product.manufacturerId, missing);
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
    const plan = componentPlan(id, key, info, now, actorOf(principal), product.manufacturerId);
    // Batch creation originates the batch for its maker (API-CONTRACT §6), with or without components.
    const producedAt = new Date(`${info.productionDate}T00:00:00+08:00`).getTime();
    const origination = { key, party: product.manufacturerId, at: producedAt };
    await this.repository.createBatch(node, product.gtin === null, plan, origination);
    return this.batch(id);
  }

  /**
   * The batch when the principal may change it: its product's maker (or ADMIN). Another maker's batch answers as a
   * batch that does not exist; a partner or regulator is FORBIDDEN before anything is read.
   */
  async batchToChange(id: string, principal: Principal): Promise<BatchRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "change batches");
    const batch = await this.repository.batchById(id);
    const missing = () => new NotFoundError(`batch ${id} does not exist`, { field: "batchId", value: id });
    if (!batch) throw missing();
    const product = await this.repository.productById(batch.productId);
    assertMakerOf(principal, product?.manufacturerId ?? "", missing);
    return batch;
  }

  async batch(id: string): Promise<BatchRecord> {
    const batch = await this.repository.batchById(id);
    if (!batch) throw new NotFoundError(`batch ${id} does not exist`, { field: "batchId", value: id });
    return batch;
  }

  /** The batch as `principal` may see it (API-CONTRACT §6): an invisible batch is NOT_FOUND like an unknown one. */
  async batchFor(id: string, principal: Principal): Promise<BatchRecord> {
    const batch = await this.batch(id);
    if (!(await this.readAccess.seesBatch(principal, batch.id))) {
      throw new NotFoundError(`batch ${id} does not exist`, { field: "batchId", value: id });
    }
    return batch;
  }

  /**
   * `batchList`: batches in id order, filtered by product, maker, status and production date (inclusive); a party
   * gets those it may see (API-CONTRACT §6, as `batch(id)`), decided inside the statement.
   */
  async list(
    filter: BatchListFilterInput | null | undefined,
    first: number,
    after: string | null | undefined,
    principal: Principal,
  ): Promise<Page<BatchRecord>> {
    const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);
    const normalized = {
      productId: filter?.productId?.trim() || null,
      manufacturerId: filter?.manufacturerId
        ? await this.repository.organizationId(canonicalOrganizationId(filter.manufacturerId, "filter.manufacturerId"))
        : null,
      status: filter?.status ?? null,
      producedFrom: day(filter?.producedFrom),
      producedTo: day(filter?.producedTo),
    };
    return idPage(first, after, (at) => this.repository.batchPage(normalized, at, readScope(principal)));
  }

  /** 扩展追溯信息: allowed until release; a patch that changes nothing writes no revision. */
  async updateBatchInfo(request: ChangeRequest, principal: Principal): Promise<BatchRecord> {
    await this.batchToChange(request.batchId, principal);
    const { reason, extended } = checkChangeRequest(request);
    await this.repository.changeExtended(request.batchId, (locked) => {
      if (FROZEN.includes(locked.batch.status)) {
        throw new ForbiddenError(
          `batch ${request.batchId} is ${locked.batch.status}: its trace info is frozen; use correctReleasedBatch`,
          { batchId: request.batchId, rule: "frozen after release" },
        );
      }
      return change(locked, extended, reason, revisionActor(principal, request.note), false);
    });
    return this.batch(request.batchId);
  }

  /**
   * 基本信息 corrections until release (出厂): the same checks as creation, each change a revision with before and
   * after; after release only correctReleasedBatch. A patch that changes nothing writes no revision.
   */
  async updateBatchBasics(request: BasicsChangeRequest, principal: Principal): Promise<BatchRecord> {
    await this.batchToChange(request.batchId, principal);
    const problems: FieldProblem[] = [];
    const reason = requiredText(request.reason, "reason", problems);
    rejectProblems(problems);
    const now = new Date();
    await this.repository.changeBasics(request.batchId, (locked) => {
      if (FROZEN.includes(locked.batch.status)) {
        throw new ForbiddenError(
          `batch ${request.batchId} is ${locked.batch.status}: its basic info is frozen; use correctReleasedBatch`,
          { batchId: request.batchId, rule: "frozen after release" },
        );
      }
      const { change, problems: found } = changeBatchBasics(locked.batch, locked.product, request.patch, now);
      rejectProblems(found);
      if (Object.keys(change.changes).length === 0) return null;
      const actor = revisionActor(principal, request.note);
      const revision = { id: `rev-${randomUUID()}`, at: now.toISOString(), reason, ...actor, changes: change.changes };
      return { basics: change.next, revision };
    });
    return this.batch(request.batchId);
  }

  /** A correction after release: audited, flagged for internal audit, never silent. */
  async correctReleasedBatch(request: ChangeRequest, principal: Principal): Promise<BatchRecord> {
    await this.batchToChange(request.batchId, principal);
    const { reason, extended } = checkChangeRequest(request);
    await this.repository.changeExtended(request.batchId, (locked) => {
      if (!FROZEN.includes(locked.batch.status)) {
        throw new ForbiddenError(`batch ${request.batchId} is not released yet: use updateBatchInfo`, {
          batchId: request.batchId,
          rule: "corrections only after release",
        });
      }
      return change(locked, extended, reason, revisionActor(principal, request.note), true);
    });
    return this.batch(request.batchId);
  }

  /** 出厂: needs issued codes; releasing a released batch again changes nothing. */
  async releaseBatch(batchId: string, principal: Principal): Promise<BatchRecord> {
    await this.batchToChange(batchId, principal);
    await this.repository.release(batchId, ({ batch }) => {
      if (batch.status === BatchStatus.RELEASED) return false;
      if (batch.status === BatchStatus.RECALLED) {
        throw new ForbiddenError(`batch ${batchId} is recalled`, { batchId, rule: "recalled" });
      }
      if (batch.inspectionStatus !== InspectionStatus.PASSED) {
        const result = batch.inspectionStatus === InspectionStatus.FAILED ? "不合格 (failed)" : "待检 (pending)";
        throw new ForbiddenError(
          `batch ${batchId} cannot leave the factory: its inspection result is ${result}; release needs 合格 (passed)`,
          { batchId, rule: "release needs inspection 合格", inspectionStatus: batch.inspectionStatus },
        );
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
  async recallBatch(
    request: { batchId: string; reason: string; note?: string | null },
    principal: Principal,
  ): Promise<BatchRecord> {
    await this.batchToChange(request.batchId, principal);
    const reason = request.reason.trim();
    if (reason === "") {
      throw new BadUserInputError("reason: a recall needs a reason", { field: "reason", rule: "non-empty" });
    }
    const actor = revisionActor(principal, request.note);
    const revision = { reason, ...actor, revisionId: `rev-${randomUUID()}` };
    const finding = openFinding(`召回 (recall): ${reason}`, actor);
    await this.repository.recall(request.batchId, revision, finding, ({ batch }) => {
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

/** A revision's actor: the authenticated credential and its organisation, and the operator's note when given. */
export interface RevisionActor {
  actor: string;
  actorOrganizationId: string | null;
  note: string | null;
}

function revisionActor(principal: Principal, note: string | null | undefined): RevisionActor {
  const { credentialId, organizationId } = actorOf(principal);
  return { actor: credentialId, actorOrganizationId: organizationId, note: note?.trim() || null };
}

function change(
  locked: LockedBatch,
  patch: Record<string, unknown>,
  reason: string,
  actor: RevisionActor,
  correction: boolean,
): ExtendedChange | null {
  const { next, changes } = applyExtendedPatch(locked.batch.extended, patch);
  if (Object.keys(changes).length === 0) return null;
  const at = new Date().toISOString();
  const revision = { id: `rev-${randomUUID()}`, at, reason, ...actor, changes };
  const finding = correction ? openFinding(`出厂后更正 (correction after release): ${reason}`, actor) : null;
  return { extended: next, revision, correction, finding };
}

/**
 * 内部审核: the finding an audited change opens. Its owner, until the maker assigns another, is the operator named
 * in the change's note, or else the credential that made it.
 */
export function openFinding(text: string, actor: RevisionActor): FindingWrite {
  return {
    id: `finding-${randomUUID()}`,
    text,
    owner: actor.note ?? actor.actor,
    openedBy: actor.actor,
    openedByOrganizationId: actor.actorOrganizationId,
  };
}

/** Component lots and items become TRANSFORMED_INTO edges into the batch, with the batch record as their event. */
function componentPlan(
  batchId: string,
  batchKey: string,
  info: BatchInfo,
  now: Date,
  actor: Actor,
  manufacturerId: string,
): WritePlan {
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
    ...actorProps(actor),
    parties: [manufacturerId],
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
