import type { BatchInfo } from "../batch-info.js";
import { stableJson } from "../extended-info.js";
import type { BatchRecord, ProductRecord } from "../producer-model.js";
import type { ProductInfo } from "../product-info.js";

/**
 * Re-running an import: a row whose product or batch exists already with the same data was imported before
 * (skipped); one that exists with other data is a conflict, named field by field. Values are compared after the
 * services' own normalisation (trimmed text, GTIN-14, normalised standard number, `uscc:` ids).
 */
export interface Difference {
  field: string;
  existing: unknown;
  given: unknown;
}

export function productDifferences(existing: ProductRecord, info: ProductInfo): Difference[] {
  return differences([
    ["input.manufacturerId", existing.manufacturerId, info.manufacturerId],
    ["input.name", existing.name, info.name],
    ["input.brand", existing.brand, info.brand],
    ["input.model", existing.model, info.model],
    ["input.category", existing.category, info.category],
    ["input.traceMode", existing.traceMode, info.traceMode],
    ["input.gtin", existing.gtin, info.gtin],
    ["input.standardNo", existing.standardNo, info.standardNo],
  ]);
}

export function batchDifferences(existing: BatchRecord, info: BatchInfo): Difference[] {
  return differences([
    ["input.productionDate", existing.productionDate, info.productionDate],
    ["input.quantity", existing.quantity, info.quantity],
    ["input.unit", existing.unit, info.unit],
    ["input.inspectionResult", existing.inspectionResult, info.inspectionResult],
    ["input.licenceNo", existing.licenceNo, info.licenceNo],
    ["input.cccCertNo", existing.cccCertNo, info.cccCertNo],
    ["input.extended", existing.extended, info.extended],
    [
      "input.components",
      [...new Set(existing.components)].sort(),
      [...new Set(info.components.map((c) => c.key))].sort(),
    ],
  ]);
}

/**
 * Without an id or a GTIN a product's id is a generated code, so a spreadsheet row names it by what it is: the
 * manufacturer's product of that model and brand. An identical one is preferred when several match.
 */
export function sameModel(candidates: readonly ProductRecord[], info: ProductInfo): ProductRecord | null {
  const matching = candidates.filter((p) => p.model === info.model && p.brand === info.brand);
  return matching.find((p) => productDifferences(p, info).length === 0) ?? matching[0] ?? null;
}

/** `name "A" (file: "B"), quantity 5000 (file: 6000)`. */
export function describeDifferences(diffs: readonly Difference[]): string {
  return diffs.map((d) => `${d.field.replace(/^input\./, "")} ${show(d.existing)} (file: ${show(d.given)})`).join(", ");
}

function differences(pairs: readonly (readonly [string, unknown, unknown])[]): Difference[] {
  return pairs
    .filter(([, existing, given]) => stableJson(existing ?? null) !== stableJson(given ?? null))
    .map(([field, existing, given]) => ({ field, existing: existing ?? null, given: given ?? null }));
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "null";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
