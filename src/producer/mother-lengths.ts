import { TraceCodeType } from "../codes/index.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { rejectProblems, type FieldProblem } from "./field-problem.js";
import { convertLength, isLengthUnit, normalizeUnit } from "./length-units.js";
import type { IssueCodesRequest } from "./producer-requests.js";

/**
 * 子母码 lengths given at issuance (issue 14 item 4): one length per mother code (`motherLengths`) or one for all
 * (`motherLength`), in `lengthUnit` (default the batch's unit when it measures length, else metres). The mothers of a
 * batch never add up to more than its quantity: the sum is checked and added to the batch in the transaction that
 * writes the codes, so the issuance is refused whole.
 */
export interface MotherLengths {
  /** One per mother, in issuance order; null when `each` holds for all. */
  lengths: number[] | null;
  each: number | null;
  unit: string;
  /** Size of one `unit` in the batch's unit; null when the batch is not measured in a length unit (no sum kept). */
  toBatchUnit: number | null;
  /** The input field a refusal names. */
  field: string;
}

/** The lengths of mothers `start` .. `start + size - 1`. */
export function lengthsOf(mothers: MotherLengths, start: number, size: number): number[] {
  if (mothers.lengths !== null) return mothers.lengths.slice(start, start + size);
  return new Array<number>(size).fill(mothers.each ?? 0);
}

/** What the given lengths add to the batch's sum of mothers, in the batch's unit (0 when it keeps none). */
export function batchDelta(mothers: MotherLengths, lengths: readonly number[]): number {
  if (mothers.toBatchUnit === null) return 0;
  return lengths.reduce((sum, length) => sum + length, 0) * mothers.toBatchUnit;
}

/**
 * The lengths an issuance gives, checked: only for MOTHER codes, one form at a time, positive, as many as the count
 * (which they set when it is omitted), at most `maxCount` mothers (they are written in one transaction).
 */
export function checkMotherLengths(
  input: IssueCodesRequest,
  codeType: TraceCodeType,
  batchUnit: string,
  maxCount: number,
): { mothers: MotherLengths | null; count: number | null | undefined } {
  const { motherLengths: list, motherLength: each } = input;
  const given = list != null || each != null;
  if (!given) {
    if (input.lengthUnit != null) throw onlyForMothers("input.lengthUnit");
    return { mothers: null, count: input.count };
  }
  const field = list != null ? "input.motherLengths" : "input.motherLength";
  if (codeType !== TraceCodeType.MOTHER) throw onlyForMothers(field);
  if (list != null && each != null) {
    throw new BadUserInputError("give motherLengths (one per mother) or motherLength (one for all), not both", {
      field: "input.motherLength",
      rule: "one of motherLength, motherLengths",
    });
  }
  const problems: FieldProblem[] = [];
  const count = list != null ? (input.count ?? list.length) : input.count;
  if (list != null && count !== list.length) {
    problems.push({ field, rule: "mother lengths", message: `${list.length} lengths for ${count} mother codes` });
  }
  if (count != null && count > maxCount) {
    problems.push({
      field: "input.count",
      rule: `range 1-${maxCount}`,
      message: `mothers with lengths: at most ${maxCount}`,
    });
  }
  (list ?? [each as number]).forEach((length, i) => {
    if (!(Number.isFinite(length) && length > 0)) {
      const at = list != null ? `${field}[${i}]` : field;
      problems.push({ field: at, rule: "positive", message: `must be greater than 0 (got ${length})` });
    }
  });
  const unit = lengthUnit(input.lengthUnit, batchUnit, problems);
  rejectProblems(problems);
  const toBatchUnit = isLengthUnit(batchUnit) ? (convertLength(1, unit, batchUnit) ?? null) : null;
  return { mothers: { lengths: list ?? null, each: each ?? null, unit, toBatchUnit, field }, count };
}

function lengthUnit(given: string | null | undefined, batchUnit: string, problems: FieldProblem[]): string {
  if (given == null) return isLengthUnit(batchUnit) ? normalizeUnit(batchUnit) : "m";
  if (!isLengthUnit(given)) {
    problems.push({
      field: "input.lengthUnit",
      rule: "length unit",
      message: `"${given.slice(0, 20)}" is no length unit`,
    });
  }
  return normalizeUnit(given);
}

function onlyForMothers(field: string): BadUserInputError {
  return new BadUserInputError(`${field}: lengths are given for MOTHER codes (子母码) only`, {
    field,
    rule: "only for MOTHER codes",
  });
}
