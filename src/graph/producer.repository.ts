import { ConflictError, NotFoundError } from "../errors/app-errors.js";
import type {
  BatchBasics,
  BatchRecord,
  ProductBasics,
  ProductRecord,
  RevisionRecord,
} from "../producer/producer-model.js";
import { categoryRequirement } from "../producer/category-rules.js";
import { findProductCategory } from "../producer/product-categories.js";
import { InspectionStatus, inspectionStatusOf } from "../producer/inspection.js";
import type { Executor, QueryRunner, Row } from "./executor.js";
import type { WritePlan } from "./flow-model.js";
import { writePlanInTx } from "./flow-writer.repository.js";
import { recordChangeInTx } from "./outbox.repository.js";
import { createRecallNotices } from "./recall-notice.queries.js";
import * as Q from "./producer.queries.js";
import * as L from "./list.queries.js";
import { batchDispositionEvent, type EventActor } from "./native-event.queries.js";
import type { BatchStatus, TraceMode } from "../producer/producer-enums.js";
import { applyVisibilityMarks, emptyVisibilityWork } from "./visibility-marks.js";

/** Product properties as stored (the key and id decided by the service). */
export interface ProductNode extends ProductBasics {
  id: string;
  key: string;
}

/** Batch properties as stored; `extended` is a JSON string, `components` canonical keys. */
export interface BatchNode extends BatchBasics {
  id: string;
  key: string;
  extended: string;
  components: string[];
}

/** A batch read under its write lock, with its product, for read-modify-write of its trace info. */
export interface LockedBatch {
  batch: BatchRecord;
  product: ProductRecord;
}

/** A revision to write with a new extended info; written in the same transaction as the change. */
export interface ExtendedChange {
  extended: Record<string, unknown>;
  /** As stored (Q.RevisionWrite), before its changes become JSON and its flags are set. */
  revision: Omit<Q.RevisionWrite, "changes" | "correction" | "auditRequired"> & { changes: Record<string, unknown> };
  correction: boolean;
  /** The internal-audit finding a correction opens (内部审核); null for a revision that needs none. */
  finding: Q.FindingWrite | null;
}

/** A product's corrected basic fields and their revision (changes as an object, stored as JSON). */
export interface ProductChange {
  basics: Record<string, unknown>;
  revision: Omit<Q.ProductRevisionWrite, "changes"> & { changes: Record<string, unknown> };
}

export interface ProductRevisionRecord {
  id: string;
  at: Date;
  reason: string;
  actor: string | null;
  actorOrganizationId: string | null;
  note: string | null;
  changes: Record<string, unknown>;
}

/** Corrected basic fields (as stored) and their revision. */
export interface BasicsWrite {
  basics: Record<string, unknown>;
  revision: ExtendedChange["revision"];
}

export interface QualityRow {
  batch: BatchRecord;
  product: ProductRecord;
  revisions: { correction: boolean; afterCodeIssuance: boolean }[];
}

/** Products, batches, their trace info and its audit trail. */
export class ProducerRepository {
  constructor(private readonly executor: Executor) {}

  /** An organisation by id or further identifier: its own id (the given one when unknown), roles, and USCC. */
  async organization(id: string): Promise<{ id: string; registered: boolean; roles: string[]; hasUscc: boolean }> {
    const rows = await this.executor.read(Q.organization(id));
    return {
      id: (rows[0]?.id as string | null | undefined) ?? id,
      registered: rows[0]?.registered === true,
      roles: (rows[0]?.roles as string[] | undefined) ?? [],
      hasUscc: rows[0]?.hasUscc === true,
    };
  }

  /** The organisation's own id for any of its identifiers (a GLN, a USCC); the value itself when it names none. */
  async organizationId(value: string): Promise<string> {
    return (await this.organization(value)).id;
  }

  /** CONFLICT when the id or key belongs to another product, or the key to an object that is not a product. */
  async createProduct(product: ProductNode, isCode: boolean): Promise<ProductRecord> {
    return this.executor.writeTx("producer.createProduct", async (tx) => {
      const identity = await tx.rows(Q.productIdentity(product.id, product.key));
      assertFreeIdentity(identity[0], "product", product, "PRODUCT");
      const rows = await tx.rows(Q.createProduct(product, isCode));
      if (!rows[0]) throw new NotFoundError(`organisation ${product.manufacturerId} is not registered`);
      if (rows[0].taken === true) throw new ConflictError(`another product has the key ${product.key}`);
      return toProduct(rows[0].product as Row);
    });
  }

  async productById(id: string): Promise<ProductRecord | null> {
    const rows = await this.executor.read(Q.productById(id));
    return rows[0] ? toProduct(rows[0].product as Row) : null;
  }

  async productsOfManufacturer(manufacturerId: string, scope?: string): Promise<ProductRecord[]> {
    const rows = await this.executor.read(Q.productsOfManufacturer(manufacturerId, scope));
    return rows.map((row) => toProduct(row.product as Row));
  }

  /** A page of products in id order (list.queries.ts); with a scope, those the party may see. */
  async productPage(filter: L.ProductListFilter, at: L.ListPage, scope?: string): Promise<ProductRecord[]> {
    const rows = await this.executor.read(L.productPage(filter, at, scope));
    return rows.map((row) => toProduct(row.product as Row));
  }

  /** A page of batches in id order, with their revisions; with a scope, those the party may see. */
  async batchPage(filter: L.BatchListFilter, at: L.ListPage, scope?: string): Promise<BatchRecord[]> {
    const rows = await this.executor.read(L.batchPage(filter, at, scope));
    return rows.map((row) => toBatch(row.batch as Row, row.revisions as Row[]));
  }

  /** The batch, its components' flow edges and their event, in one transaction. */
  async createBatch(
    batch: BatchNode,
    isCode: boolean,
    components: WritePlan,
    origination: { key: string; party: string; at: number },
  ): Promise<void> {
    await this.executor.writeTx("producer.createBatch", async (tx) => {
      const identity = await tx.rows(Q.batchIdentity(batch.id, batch.key));
      assertFreeIdentity(identity[0], "batch", batch, "LOT");
      const rows = await tx.rows(Q.createBatch(batch, isCode));
      if (!rows[0]) throw new NotFoundError(`product ${batch.productId} does not exist`);
      if (rows[0].taken === true) throw new ConflictError(`another batch has the key ${batch.key}`);
      await writePlanInTx(tx, components);
      await applyVisibilityMarks(tx, { ...emptyVisibilityWork(), originations: [origination] });
    });
  }

  async batchById(id: string): Promise<BatchRecord | null> {
    const rows = await this.executor.read(Q.batchById(id));
    return rows[0] ? toBatch(rows[0].batch as Row, rows[0].revisions as Row[]) : null;
  }

  /**
   * Read-modify-write of a batch's extended info under its lock: `decide` sees the current batch (and may throw,
   * rolling everything back) and returns the change with its revision, or null for no change.
   */
  async changeExtended(id: string, decide: (locked: LockedBatch) => ExtendedChange | null): Promise<void> {
    await this.executor.writeTx("producer.changeExtended", async (tx) => {
      const change = decide(await lockBatch(tx, id));
      if (!change) return;
      const { revision, correction } = change;
      const stored = { ...revision, changes: JSON.stringify(revision.changes), correction, auditRequired: correction };
      await tx.rows(Q.updateExtended(id, JSON.stringify(change.extended), stored, change.finding));
    });
  }

  /** Corrects a product's basic fields under its lock when `decide` (which may throw) returns a change. */
  async changeProduct(
    id: string,
    decide: (locked: { product: ProductRecord; released: boolean }) => ProductChange | null,
  ): Promise<void> {
    await this.executor.writeTx("producer.changeProduct", async (tx) => {
      const [row] = await tx.rows(Q.lockProduct(id));
      if (!row) throw new NotFoundError(`product ${id} does not exist`, { field: "productId", value: id });
      const change = decide({ product: toProduct(row.product as Row), released: row.released === true });
      if (!change) return;
      const revision = { ...change.revision, changes: JSON.stringify(change.revision.changes) };
      await tx.rows(Q.updateProduct(id, change.basics, revision));
    });
  }

  async productRevisions(id: string): Promise<ProductRevisionRecord[]> {
    const rows = await this.executor.read(Q.productRevisions(id));
    return rows.map((row) => {
      const r = row.revision as Row;
      return {
        id: String(r.id),
        at: new Date(String(r.at)),
        reason: String(r.reason),
        actor: str(r.actor),
        actorOrganizationId: str(r.actorOrganizationId),
        note: str(r.note),
        changes: parseJsonObject(r.changes),
      };
    });
  }

  /** Corrects basic fields under the batch's lock when `decide` (which may throw) returns a change. */
  async changeBasics(id: string, decide: (locked: LockedBatch) => BasicsWrite | null): Promise<void> {
    await this.executor.writeTx("producer.changeBasics", async (tx) => {
      const change = decide(await lockBatch(tx, id));
      if (!change) return;
      const { revision } = change;
      const stored = {
        ...revision,
        changes: JSON.stringify(revision.changes),
        correction: false,
        auditRequired: false,
      };
      await tx.rows(Q.updateBasics(id, change.basics, stored));
    });
  }

  /** Releases under the batch's lock when `check` (which may throw) approves the locked state. */
  async release(id: string, actor: EventActor, check: (locked: LockedBatch) => boolean): Promise<void> {
    await this.executor.writeTx("producer.release", async (tx) => {
      if (!check(await lockBatch(tx, id))) return;
      await tx.rows(Q.releaseBatch(id));
      await tx.rows(batchDispositionEvent("release", id, actor));
    });
  }

  /** Recalls under the batch's lock when `check` (which may throw) approves the locked state. */
  async recall(
    id: string,
    recall: Q.RecallWrite,
    finding: Q.FindingWrite,
    actor: EventActor,
    check: (locked: LockedBatch) => boolean,
  ): Promise<void> {
    await this.executor.writeTx("producer.recall", async (tx) => {
      const locked = await lockBatch(tx, id);
      if (!check(locked)) return;
      const changes = JSON.stringify({ status: { before: locked.batch.status, after: "RECALLED" } });
      await tx.rows(Q.recallBatch(id, recall, changes, finding));
      await tx.rows(batchDispositionEvent("recall", id, actor, recall.reason));
      // Issue 18: every holder of the recalled goods is sent a notice, in the recall's own transaction.
      const [sent] = await tx.rows(
        createRecallNotices(id, locked.product.manufacturerId, recall.revisionId, recall.reason),
      );
      // ... and its subscribers (recallNoticeReceived) are told through the outbox, in the same transaction.
      await recordChangeInTx(tx, `recall:${recall.revisionId}`, [], [], (sent?.ids as string[] | undefined) ?? []);
    });
  }

  async qualityRows(filter: { batchId: string } | { manufacturerId: string }): Promise<QualityRow[]> {
    const rows = await this.executor.read(Q.qualityRows(filter));
    return rows.map((row) => ({
      batch: toBatch(row.batch as Row, []),
      product: toProduct(row.product as Row),
      revisions: (row.revisions as Row[]).map((r) => ({
        correction: r.correction === true,
        afterCodeIssuance: r.afterCodeIssuance === true,
      })),
    }));
  }

  async auditLog(filter: {
    batchId: string | null;
    manufacturerId: string | null;
    correctionsOnly: boolean;
    after: { at: string; id: string } | null;
    limit: number;
  }): Promise<RevisionRecord[]> {
    const rows = await this.executor.read(Q.auditLog(filter));
    return rows.map((row) => toRevision(row.revision as Row));
  }
}

async function lockBatch(tx: QueryRunner, id: string): Promise<LockedBatch> {
  const rows = await tx.rows(Q.lockBatch(id));
  const row = rows[0];
  if (!row) throw new NotFoundError(`batch ${id} does not exist`, { batchId: id });
  return { batch: toBatch(row.batch as Row, []), product: toProduct(row.product as Row) };
}

function assertFreeIdentity(row: Row | undefined, what: string, node: { id: string; key: string }, kind: string) {
  if (row?.idTaken === true) throw new ConflictError(`${what} ${node.id} exists already`, { id: node.id });
  if (row?.keyTaken === true) throw new ConflictError(`another ${what} has the key ${node.key}`, { key: node.key });
  // An object captured from EPCIS under the same key is adopted; one of another kind is a different thing.
  if (row?.keyKind != null && row.keyKind !== kind) {
    throw new ConflictError(`${node.key} names a ${String(row.keyKind).toLowerCase()} already`, { key: node.key });
  }
}

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const date = (value: unknown): Date | null => (typeof value === "string" ? new Date(value) : null);

export function toProduct(row: Row): ProductRecord {
  const category = String(row.category ?? "");
  const needs = categoryRequirement(category);
  return {
    id: String(row.id),
    key: String(row.key),
    manufacturerId: String(row.manufacturerId),
    name: String(row.name ?? ""),
    brand: str(row.brand),
    model: String(row.model ?? ""),
    category,
    categoryName: findProductCategory(category)?.name ?? category,
    traceMode: row.traceMode as TraceMode,
    gtin: str(row.gtin),
    standardNo: String(row.standardNo ?? ""),
    licenceRequired: needs.licence,
    cccRequired: needs.ccc,
    createdAt: date(row.registeredAt) ?? date(row.createdAt) ?? new Date(0),
    warrantyMonths: typeof row.warrantyMonths === "number" ? row.warrantyMonths : null,
    warrantyTerms: str(row.warrantyTerms),
  };
}

export function toBatch(row: Row, revisions: Row[]): BatchRecord {
  return {
    id: String(row.id),
    key: String(row.key),
    status: row.status as BatchStatus,
    revisions: revisions.map(toRevision),
    productId: String(row.productId),
    batchNo: String(row.batchNo),
    productionDate: String(row.productionDate),
    quantity: Number(row.quantity),
    unit: String(row.unit),
    inspectionResult: String(row.inspectionResult ?? ""),
    inspectionStatus: inspectionStatusOf(String(row.inspectionResult ?? "")) ?? InspectionStatus.PENDING,
    inspectionReportNo: str(row.inspectionReportNo),
    inspectionAgency: str(row.inspectionAgency),
    inspectionDate: str(row.inspectionDate),
    inspectionReportRef: str(row.inspectionReportRef),
    licenceNo: str(row.licenceNo),
    cccCertNo: str(row.cccCertNo),
    extended: parseJsonObject(row.extended),
    components: (row.components as string[] | undefined) ?? [],
    codeCount: Number(row.codeCount ?? 0),
    createdAt: date(row.recordedAt) ?? new Date(0),
    firstCodeIssuedAt: date(row.firstCodeIssuedAt),
    releasedAt: date(row.releasedAt),
  };
}

export function toRevision(row: Row): RevisionRecord {
  return {
    id: String(row.id),
    batchId: String(row.batchId),
    at: new Date(String(row.at)),
    reason: String(row.reason),
    actor: str(row.actor),
    actorOrganizationId: str(row.actorOrganizationId),
    note: str(row.note),
    changes: parseJsonObject(row.changes),
    correction: row.correction === true,
    auditRequired: row.auditRequired === true,
    afterCodeIssuance: row.afterCodeIssuance === true,
  };
}

function parseJsonObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "string" || value === "") return {};
  const parsed: unknown = JSON.parse(value);
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}
