import { IdentifierError, lotKey, parseIdentifier, type ParsedIdentifier } from "../codes/index.js";
import type { BatchBasics } from "./producer-model.js";
import { CCC_CERT_NO, LICENCE_NO, categoryRequirement } from "./category-rules.js";
import { chinaDate } from "./china-date.js";
import { checkExtended } from "./extended-info.js";
import { checkInspectionReport, checkInspectionResult } from "./inspection.js";
import { optionalText, requiredName, type FieldProblem } from "./field-problem.js";
import type { BatchRequest } from "./producer-requests.js";

/** A batch's basic trace info after the edge checks. */
export interface BatchInfo extends BatchBasics {
  extended: Record<string, unknown>;
  components: ParsedIdentifier[];
}

/** What the batch checks need to know of its product. */
export interface BatchProductFacts {
  category: string;
  gtin: string | null;
}

/** Object kinds a batch may consume: lots, items, containers of them, or a product class (commingled stock). */
const COMPONENT_KINDS = new Set(["LOT", "ITEM", "CONTAINER", "PRODUCT"]);

/** Checks a BatchRequest for completeness and accuracy against its product; `now` decides what "future" means. */
export function checkBatchInfo(
  input: BatchRequest,
  product: BatchProductFacts,
  now: Date = new Date(),
): { info: BatchInfo; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const needs = categoryRequirement(product.category);
  const info: BatchInfo = {
    productId: input.productId.trim(),
    batchNo: checkBatchNo(input.batchNo, product.gtin, problems),
    productionDate: checkProductionDate(input.productionDate, now, problems),
    quantity: checkQuantity(input.quantity, problems),
    unit: requiredName(input.unit, "input.unit", problems),
    inspectionResult: checkInspectionResult(input.inspectionResult, "input.inspectionResult", problems),
    ...checkInspectionReport(input, chinaDate(now), problems),
    licenceNo: checkCertificate(input.licenceNo, needs.licence, LICENCE_NO, "input.licenceNo", product, problems),
    cccCertNo: checkCertificate(input.cccCertNo, needs.ccc, CCC_CERT_NO, "input.cccCertNo", product, problems),
    extended: checkExtended(input.extended ?? {}, "input.extended", problems),
    components: checkComponents(input.components ?? [], problems),
  };
  return { info, problems };
}

function checkBatchNo(value: string, gtin: string | null, problems: FieldProblem[]): string {
  const batchNo = requiredName(value, "input.batchNo", problems);
  if (!batchNo || gtin === null) return batchNo;
  try {
    lotKey(gtin, batchNo);
  } catch (error) {
    if (!(error instanceof IdentifierError)) throw error;
    // With a GTIN the batch number is the GS1 lot (AI 10): at most 20 characters of GS1 set 82.
    problems.push({
      field: "input.batchNo",
      rule: "GS1 lot",
      message: `"${batchNo}" is not a GS1 lot: ${error.reason}`,
    });
  }
  return batchNo;
}

function checkProductionDate(value: Date, now: Date, problems: FieldProblem[]): string {
  const date = value.toISOString().slice(0, 10);
  if (date > chinaDate(now)) {
    problems.push({ field: "input.productionDate", rule: "not in the future", message: `${date} is in the future` });
  }
  return date;
}

function checkQuantity(value: number, problems: FieldProblem[]): number {
  if (!Number.isFinite(value) || value <= 0) {
    problems.push({ field: "input.quantity", rule: "positive", message: `must be greater than 0 (got ${value})` });
  }
  return value;
}

function checkCertificate(
  value: string | null | undefined,
  required: boolean,
  format: RegExp,
  field: string,
  product: BatchProductFacts,
  problems: FieldProblem[],
): string | null {
  const text = optionalText(value);
  if (text === null) {
    if (required) {
      problems.push({ field, rule: "required for category", message: `is required for category ${product.category}` });
    }
    return null;
  }
  if (!format.test(text))
    problems.push({ field, rule: "format", message: `"${text}" does not match ${format.source}` });
  return text;
}

function checkComponents(values: readonly string[], problems: FieldProblem[]): ParsedIdentifier[] {
  const parsed: ParsedIdentifier[] = [];
  values.forEach((value, index) => {
    const field = `input.components[${index}]`;
    try {
      const id = parseIdentifier(value);
      if (COMPONENT_KINDS.has(id.kind)) parsed.push(id);
      else problems.push({ field, rule: "component kind", message: `"${value}" names a ${id.kind.toLowerCase()}` });
    } catch (error) {
      if (!(error instanceof IdentifierError)) throw error;
      problems.push({ field, rule: error.reason, message: `"${value}": ${error.reason}` });
    }
  });
  return parsed;
}
