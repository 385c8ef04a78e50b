import { checkBatchInfo } from "./batch-info.js";
import type { FieldProblem } from "./field-problem.js";
import type { BatchBasics, BatchRecord, ProductRecord } from "./producer-model.js";
import type { BatchRequest } from "./producer-requests.js";

/**
 * The basic fields a maker may correct before release, as createBatch takes them; each optional, `null` clearing an
 * optional one. The batch number is the batch's identity and never changes.
 */
export type BatchBasicsPatch = {
  [K in keyof Omit<BatchRequest, "productId" | "batchNo" | "extended" | "components">]?: BatchRequest[K] | null;
};

type ChangeableBasics = Omit<BatchBasics, "productId" | "batchNo">;

const CHANGEABLE: readonly (keyof ChangeableBasics)[] = [
  "productionDate",
  "quantity",
  "unit",
  "inspectionResult",
  "inspectionReportNo",
  "inspectionAgency",
  "inspectionDate",
  "inspectionReportRef",
  "licenceNo",
  "cccCertNo",
];

/** Fields that may be cleared by giving `null`; the others are required basic info and keep their value. */
const CLEARABLE = new Set<keyof ChangeableBasics>([
  "inspectionReportNo",
  "inspectionAgency",
  "inspectionDate",
  "inspectionReportRef",
  "licenceNo",
  "cccCertNo",
]);

export interface BasicsChange {
  /** The new values of the fields that change. */
  next: Partial<ChangeableBasics>;
  /** `{ field: { before, after } }` of the same fields, for the revision. */
  changes: Record<string, { before: unknown; after: unknown }>;
}

/**
 * The batch's basic info with `patch` applied, checked as creation checks it (completeness, accuracy, what the
 * category requires); the problems use the field names of the patch (`input.quantity`). A patch that changes
 * nothing gives an empty change.
 */
export function changeBatchBasics(
  batch: BatchRecord,
  product: Pick<ProductRecord, "category" | "gtin">,
  patch: BatchBasicsPatch,
  now: Date,
): { change: BasicsChange; problems: FieldProblem[] } {
  const given = (key: keyof BatchBasicsPatch) =>
    patch[key] !== undefined && (patch[key] !== null || CLEARABLE.has(key));
  const pick = <K extends keyof BatchBasicsPatch>(key: K, current: NonNullable<BatchBasicsPatch[K]> | null) =>
    given(key) ? patch[key] : current;
  const { info, problems } = checkBatchInfo(
    {
      productId: batch.productId,
      batchNo: batch.batchNo,
      productionDate: pick("productionDate", new Date(`${batch.productionDate}T00:00:00Z`)) ?? new Date(NaN),
      quantity: pick("quantity", batch.quantity) ?? NaN,
      unit: pick("unit", batch.unit) ?? "",
      inspectionResult: pick("inspectionResult", batch.inspectionResult) ?? "",
      inspectionReportNo: pick("inspectionReportNo", batch.inspectionReportNo),
      inspectionAgency: pick("inspectionAgency", batch.inspectionAgency),
      inspectionDate: pick(
        "inspectionDate",
        batch.inspectionDate ? new Date(`${batch.inspectionDate}T00:00:00Z`) : null,
      ),
      inspectionReportRef: pick("inspectionReportRef", batch.inspectionReportRef),
      licenceNo: pick("licenceNo", batch.licenceNo),
      cccCertNo: pick("cccCertNo", batch.cccCertNo),
    },
    product,
    now,
  );
  const next: Partial<ChangeableBasics> = {};
  const changes: BasicsChange["changes"] = {};
  for (const key of CHANGEABLE) {
    if (info[key] === batch[key]) continue;
    Object.assign(next, { [key]: info[key] });
    changes[key] = { before: batch[key], after: info[key] };
  }
  return { change: { next, changes }, problems };
}
