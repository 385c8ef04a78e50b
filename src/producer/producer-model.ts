import type { InspectionStatus } from "./inspection.js";
import type { BatchStatus, CodeStatus, JobStatus, TraceMode } from "./producer-enums.js";
import type { TraceCodeType } from "../codes/index.js";

/**
 * The producer's records as the services hand them to the GraphQL layer (plain objects, dates as Date).
 *
 * Shape in Neo4j (one flow graph with EPCIS objects, see graph/flow-model.ts):
 *   (:Obj:Product {key, kind:"PRODUCT", id, manufacturerId, ...})-[:MADE_BY]->(:Organization)
 *   (:Obj:Batch {key, kind:"LOT", id, productId, batchNo, ..., extended (JSON), status})-[:OF_PRODUCT]->(:Product)
 *   (:Obj:Code {key = value, kind, codeType, mode, codeStatus, batchId, productId, issueId, issuedAt})
 *   (:Batch)-[:IN_LOT]->(:Code)   (:Code)-[:CONTAINED_IN {segmentStart, segmentEnd, unit}]->(:Code)
 *   (:Obj)-[:TRANSFORMED_INTO]->(:Batch)   component lots and items
 *   (:Batch)-[:HAS_REVISION]->(:Revision {id, at, reason, actor, changes (JSON), correction, auditRequired})
 *   (:Job {id, kind, status, total, done, error})
 * A product or batch keyed by a trace code carries :Code too. Code lifecycle lives in `codeStatus` (not `status`,
 * which is the batch's own lifecycle on a batch that is also its code).
 */
/** A product's basic trace info (基本信息) as checked, stored and read back. */
export interface ProductBasics {
  manufacturerId: string;
  name: string;
  brand: string | null;
  model: string;
  category: string;
  traceMode: TraceMode;
  gtin: string | null;
  standardNo: string;
}

/** A batch's basic trace info (基本信息); extended info and components take a different form in each layer. */
export interface BatchBasics {
  productId: string;
  batchNo: string;
  /** `YYYY-MM-DD`. */
  productionDate: string;
  quantity: number;
  unit: string;
  inspectionResult: string;
  /** 出厂检验 report: number, agency, date (`YYYY-MM-DD`) and a reference to the report document; all optional. */
  inspectionReportNo: string | null;
  inspectionAgency: string | null;
  inspectionDate: string | null;
  inspectionReportRef: string | null;
  licenceNo: string | null;
  cccCertNo: string | null;
}

export interface ProductRecord extends ProductBasics {
  id: string;
  key: string;
  /** The category's name in the table (the stored text for a category the table does not know). */
  categoryName: string;
  licenceRequired: boolean;
  cccRequired: boolean;
  createdAt: Date;
  /** 保修期 (months from purchase) and after-sales terms for the public; see setProductWarranty. */
  warrantyMonths?: number | null;
  warrantyTerms?: string | null;
}

export interface RevisionRecord {
  id: string;
  batchId: string;
  at: Date;
  reason: string;
  /** The credential that made the change (older revisions: a free-text name, or null). */
  actor: string | null;
  actorOrganizationId: string | null;
  /** The operator's name, when one was given beside the credential. */
  note: string | null;
  changes: Record<string, unknown>;
  correction: boolean;
  auditRequired: boolean;
  afterCodeIssuance: boolean;
}

export interface BatchRecord extends BatchBasics {
  id: string;
  key: string;
  status: BatchStatus;
  /** What inspectionResult states (PENDING for a text stating none, as batches recorded before the rule). */
  inspectionStatus: InspectionStatus;
  revisions: RevisionRecord[];
  extended: Record<string, unknown>;
  components: string[];
  codeCount: number;
  createdAt: Date;
  firstCodeIssuedAt: Date | null;
  releasedAt: Date | null;
}

export interface TraceCodeRecord {
  value: string;
  url: string;
  mode: TraceMode;
  status: CodeStatus;
  codeType: TraceCodeType;
  batchId: string | null;
  productId: string | null;
  issuedAt: Date | null;
  voidReason: string | null;
}

export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  total: number;
  done: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Whose job it is: the batch's maker for an issuance, the submitter's organisation for a capture. */
  ownerOrganizationId: string | null;
}
