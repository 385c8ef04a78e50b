import { csvRow, UTF8_BOM } from "../../csv/csv-row.js";
import type { CsvImportResult, RowOutcome, RowProblem } from "./importer.js";

/**
 * The per-row report: on stderr the rejected rows, one line per problem; as CSV (`--report FILE`, UTF-8 with BOM,
 * formula-escaped) every row, so the ids of imported products (generated ones too) can go into the batches sheet.
 */
export const REPORT_HEADER = ["row", "status", "id", "code", "column", "field", "rule", "message"] as const;

/** Lines for people: `row 4  型号 (input.model) required: is required and may not be empty`. */
export function rejectionLines(result: CsvImportResult, maxRows = 50): string[] {
  const rejected = result.outcomes.filter((o) => o.status === "REJECTED");
  const lines = rejected
    .slice(0, maxRows)
    .flatMap((outcome) =>
      outcome.problems.map((problem) => `  row ${outcome.row}  ${outcome.code ?? ""} ${describeProblem(problem)}`),
    );
  if (rejected.length > maxRows) lines.push(`  ... and ${rejected.length - maxRows} more rows (use --report FILE)`);
  return lines;
}

export function describeProblem(problem: RowProblem): string {
  const where =
    problem.column && problem.field
      ? `${problem.column} (${problem.field})`
      : (problem.column ?? problem.field ?? "row");
  return `${where} [${problem.rule}]: ${problem.message}`;
}

/** The report as CSV text: one line per imported or skipped row, one per problem of a rejected row. */
export function reportCsv(result: CsvImportResult): string {
  let text = UTF8_BOM + csvRow(REPORT_HEADER);
  for (const outcome of result.outcomes) text += reportLines(outcome).map(csvRow).join("");
  if (result.aborted) text += csvRow(["", "ABORTED", "", "", "", "", "file", result.aborted]);
  return text;
}

function reportLines(outcome: RowOutcome): (string | number | null)[][] {
  const base = [outcome.row, outcome.status, outcome.id, outcome.code];
  if (outcome.problems.length === 0) return [[...base, null, null, null, null]];
  return outcome.problems.map((p) => [...base, p.column, p.field, p.rule, p.message]);
}
