import type { FieldProblem } from "./field-problem.js";
import { checkProductInfo } from "./product-info.js";
import type { ProductRecord } from "./producer-model.js";
import type { ProductRequest } from "./producer-requests.js";

/**
 * The basic fields of a product a maker may correct until one of its batches leaves the factory. The maker, the
 * trace mode and the GTIN make the product's identity and codes, and never change.
 */
export type ProductPatch = { [K in "name" | "brand" | "model" | "category" | "standardNo"]?: ProductRequest[K] | null };

const CHANGEABLE = ["name", "brand", "model", "category", "standardNo"] as const;

/**
 * The product with `patch` applied, checked as registration checks it; `changes` holds `{ field: { before, after } }`
 * of what differs (nothing for a patch that changes nothing). `null` clears the brand; the other fields are required.
 */
export function changeProduct(
  product: ProductRecord,
  patch: ProductPatch,
): {
  next: Partial<ProductRecord>;
  changes: Record<string, { before: unknown; after: unknown }>;
  problems: FieldProblem[];
} {
  const pick = <K extends (typeof CHANGEABLE)[number]>(key: K): ProductRequest[K] =>
    (patch[key] === undefined || (patch[key] === null && key !== "brand")
      ? product[key]
      : patch[key]) as ProductRequest[K];
  const { info, problems } = checkProductInfo({
    manufacturerId: product.manufacturerId,
    traceMode: product.traceMode,
    gtin: product.gtin,
    name: pick("name"),
    brand: pick("brand"),
    model: pick("model"),
    category: pick("category"),
    standardNo: pick("standardNo"),
  });
  const next: Partial<ProductRecord> = {};
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of CHANGEABLE) {
    if (info[key] === product[key]) continue;
    Object.assign(next, { [key]: info[key] });
    changes[key] = { before: product[key], after: info[key] };
  }
  // The manufacturer and GTIN were registered and checked once; only the fields corrected here are reported.
  return { next, changes, problems: problems.filter((p) => CHANGEABLE.some((key) => p.field === `input.${key}`)) };
}
