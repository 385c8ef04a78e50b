import { BadUserInputError } from "../errors/app-errors.js";
import { hasControlCharacter } from "../registry/plain-name.js";

/** One rejected input: which field, which rule, and a sentence for people. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * Throws one BAD_USER_INPUT listing every problem found, so a producer fixes a spreadsheet row in one go; the
 * error's own `field` and `rule` are the first problem's, for clients that only read one.
 */
export function rejectProblems(problems: readonly FieldProblem[]): void {
  const first = problems[0];
  if (!first) return;
  const message = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
  throw new BadUserInputError(message, { field: first.field, rule: first.rule, errors: [...problems] });
}

/** A required text: trimmed, or a problem when empty. */
export function requiredText(value: string | null | undefined, field: string, problems: FieldProblem[]): string {
  const text = (value ?? "").trim();
  if (!text) problems.push({ field, rule: "required", message: "is required and may not be empty" });
  return text;
}

/** An optional text: trimmed, empty meaning absent. */
export function optionalText(value: string | null | undefined): string | null {
  const text = (value ?? "").trim();
  return text || null;
}

/** A name (product, model, brand, batch number, unit): a required text without control characters. */
export function requiredName(value: string | null | undefined, field: string, problems: FieldProblem[]): string {
  return withoutControls(requiredText(value, field, problems), field, problems);
}

/** An optional name: as optionalText, without control characters. */
export function optionalName(value: string | null | undefined, field: string, problems: FieldProblem[]): string | null {
  const text = optionalText(value);
  return text === null ? null : withoutControls(text, field, problems);
}

function withoutControls(text: string, field: string, problems: FieldProblem[]): string {
  if (hasControlCharacter(text)) {
    problems.push({ field, rule: "plain text", message: "may not contain control characters" });
  }
  return text;
}
