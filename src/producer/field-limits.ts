import type { FieldProblem } from "./field-problem.js";
import type { BatchRequest, ProductRequest } from "./producer-requests.js";

/** Inclusive character bounds of a text field: [min, max]. */
export type TextBounds = readonly [min: number, max: number];

/**
 * The size limits of the producer's inputs, one table for every entry point: the GraphQL input classes declare them
 * as class-validator constraints, the CSV importer checks rows against them with `textLimitProblems`.
 */
export const PRODUCT_TEXT_LIMITS = {
  manufacturerId: [1, 200],
  name: [0, 200],
  model: [0, 200],
  category: [0, 100],
  brand: [0, 200],
  standardNo: [0, 100],
} as const satisfies Partial<Record<keyof ProductRequest, TextBounds>>;

export const BATCH_TEXT_LIMITS = {
  productId: [1, 200],
  batchNo: [0, 100],
  unit: [0, 20],
  inspectionResult: [0, 500],
  inspectionReportNo: [0, 100],
  inspectionAgency: [0, 200],
  inspectionReportRef: [0, 500],
} as const satisfies Partial<Record<keyof BatchRequest, TextBounds>>;

/** Component codes a batch may list. */
export const MAX_BATCH_COMPONENTS = 1000;

/** The limits a request breaks, worded and named as class-validator words them (`isLength`, `arrayMaxSize`). */
export function textLimitProblems<T extends object>(
  request: T,
  limits: Partial<Record<keyof T & string, TextBounds>>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, bounds] of Object.entries(limits) as [keyof T & string, TextBounds][]) {
    const value = request[field];
    if (typeof value !== "string") continue;
    const [min, max] = bounds;
    if (value.length > max) {
      problems.push({
        field: `input.${field}`,
        rule: "isLength",
        message: `${field} must be shorter than or equal to ${max} characters`,
      });
    } else if (value.length < min) {
      problems.push({
        field: `input.${field}`,
        rule: "isLength",
        message: `${field} must be longer than or equal to ${min} characters`,
      });
    }
  }
  return problems;
}

/** Size problems of a batch's component list. */
export function componentListProblems(request: BatchRequest): FieldProblem[] {
  const count = request.components?.length ?? 0;
  return count > MAX_BATCH_COMPONENTS
    ? [
        {
          field: "input.components",
          rule: "arrayMaxSize",
          message: `components must contain no more than ${MAX_BATCH_COMPONENTS} elements`,
        },
      ]
    : [];
}
