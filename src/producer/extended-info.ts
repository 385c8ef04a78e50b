import { MAX_JSON_DEPTH, jsonDepth } from "../json/json-depth.js";
import type { FieldProblem } from "./field-problem.js";

/**
 * Extended trace info (扩展追溯信息) is open JSON, but the guideline recommends these fields; data-quality reports
 * measure completeness against them.
 *   quality:   testReports, keyComponents (with their supplier lots), processParameters, certificates
 *   marketing: salesRegions, salesChannel, distributor, warranty
 */
export const EXTENDED_FIELDS = [
  "testReports",
  "keyComponents",
  "processParameters",
  "certificates",
  "salesRegions",
  "salesChannel",
  "distributor",
  "warranty",
] as const;

/** Stored as one JSON string on the batch; a cap keeps a batch node small. */
const MAX_EXTENDED_BYTES = 64 * 1024;

export type FieldChange = { before: unknown; after: unknown };

/** The extended info as given, or a problem when it is too large. */
export function checkExtended(value: Record<string, unknown>, field: string, problems: FieldProblem[]) {
  // Before anything walks it: JSON.stringify recurses, and a document nested thousands deep overflows the stack.
  if (jsonDepth(value) > MAX_JSON_DEPTH) {
    problems.push({ field, rule: "depth", message: `extended info nests deeper than ${MAX_JSON_DEPTH} levels` });
    return {};
  }
  if (Buffer.byteLength(JSON.stringify(value), "utf8") > MAX_EXTENDED_BYTES) {
    problems.push({ field, rule: "size", message: `extended info is limited to ${MAX_EXTENDED_BYTES} bytes of JSON` });
  }
  return value;
}

/**
 * Applies a patch: each top-level field is set to the patch's value, and `null` removes it. Returns the new info and
 * the changed fields with their values before and after (unchanged fields are not listed).
 */
export function applyExtendedPatch(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): { next: Record<string, unknown>; changes: Record<string, FieldChange> } {
  const next: Record<string, unknown> = { ...current };
  const changes: Record<string, FieldChange> = {};
  for (const [field, after] of Object.entries(patch)) {
    const before = current[field] ?? null;
    if (stableJson(before) === stableJson(after ?? null)) continue;
    if (after === null || after === undefined) delete next[field];
    else next[field] = after;
    changes[field] = { before, after: after ?? null };
  }
  return { next, changes };
}

/** Recommended fields with a non-empty value. */
export function filledExtendedFields(extended: Record<string, unknown>): string[] {
  return EXTENDED_FIELDS.filter((field) => !isEmpty(extended[field]));
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
