import type { BatchRequest, ProductRequest } from "../producer-requests.js";
import type { FieldProblem } from "../field-problem.js";
import type { HeaderMapping, ImportField } from "./columns.js";
import { TraceMode } from "../producer-enums.js";

/**
 * Spreadsheet rows → the inputs of the GraphQL mutations. Only what a spreadsheet writes differently from GraphQL is
 * converted here (trace modes in Chinese, dates like 2026/1/15, numbers like 5,000, component lists, `ext.` columns);
 * every rule on the values themselves is the services', so a row is judged exactly as `registerProduct` or
 * `createBatch` would judge it. What cannot be converted is a problem named like the services name theirs.
 */

/** One data row's cells by field, plus its `ext.` cells and any cells beyond the header. */
export interface RowCells {
  fields: Map<ImportField, string>;
  extended: { name: string; value: string }[];
  /** Non-empty cells in columns the header does not name (a stray comma shifts every value after it). */
  overflow: number;
}

export interface Converted<T> {
  input: T;
  problems: FieldProblem[];
}

/** A row of empty cells (an empty spreadsheet row): skipped, not counted. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

export function rowCells(mapping: HeaderMapping, headerLength: number, cells: readonly string[]): RowCells {
  const row: RowCells = { fields: new Map(), extended: [], overflow: 0 };
  for (const column of mapping.columns) {
    const value = cells[column.index] ?? "";
    if (column.target.kind === "field") row.fields.set(column.target.field, value);
    else row.extended.push({ name: column.target.name, value });
  }
  row.overflow = cells.slice(headerLength).filter((cell) => cell.trim() !== "").length;
  return row;
}

/** A products row → ProductRequest; `manufacturerId` fills an empty or missing manufacturer column. */
export function toProductRequest(row: RowCells, defaults: { manufacturerId?: string | null } = {}) {
  const problems: FieldProblem[] = overflowProblems(row);
  const text = (field: ImportField) => row.fields.get(field) ?? "";
  const manufacturerId = text("manufacturerId").trim() || (defaults.manufacturerId ?? "");
  const input: ProductRequest = {
    id: optional(row.fields.get("id")),
    manufacturerId,
    name: text("name"),
    model: text("model"),
    category: text("category"),
    traceMode: parseTraceMode(text("traceMode"), problems) ?? TraceMode.PER_PRODUCT,
    brand: optional(row.fields.get("brand")),
    gtin: optional(row.fields.get("gtin")),
    standardNo: text("standardNo"),
  };
  return { input, problems } satisfies Converted<ProductRequest>;
}

/** A batches row → BatchRequest. Unconvertible values get a placeholder and a problem. */
export function toBatchRequest(row: RowCells) {
  const problems: FieldProblem[] = overflowProblems(row);
  const text = (field: ImportField) => row.fields.get(field) ?? "";
  const input: BatchRequest = {
    productId: text("productId"),
    batchNo: text("batchNo"),
    productionDate: parseDate(text("productionDate"), problems) ?? new Date(0),
    quantity: parseQuantity(text("quantity"), problems) ?? Number.NaN,
    unit: text("unit"),
    inspectionResult: text("inspectionResult"),
    licenceNo: optional(row.fields.get("licenceNo")),
    cccCertNo: optional(row.fields.get("cccCertNo")),
    extended: parseExtended(row.extended, problems),
    components: splitList(text("components")),
  };
  return { input, problems } satisfies Converted<BatchRequest>;
}

function overflowProblems(row: RowCells): FieldProblem[] {
  if (row.overflow === 0) return [];
  return [
    {
      field: "row",
      rule: "column count",
      message: `${row.overflow} cell(s) beyond the header's last column: an unquoted comma shifts the values after it`,
    },
  ];
}

function optional(value: string | undefined): string | null {
  const text = (value ?? "").trim();
  return text === "" ? null : text;
}

const TRACE_MODE_NAMES: Record<string, TraceMode> = {
  一品一码: TraceMode.PER_PRODUCT,
  一批一码: TraceMode.PER_BATCH,
  一物一码: TraceMode.PER_ITEM,
  组合多码: TraceMode.COMBINED,
};

/** 一品一码 / 一批一码 / 一物一码 / 组合多码, or the enum names (any case, `-` or space for `_`). */
export function parseTraceMode(value: string, problems: FieldProblem[]): TraceMode | null {
  const text = value.normalize("NFKC").trim();
  if (text === "") {
    problems.push({ field: "input.traceMode", rule: "required", message: "is required and may not be empty" });
    return null;
  }
  // `一物一码 (PER_ITEM)` and `PER_ITEM（一物一码）` as templates write them: either part will do.
  const candidates = [text, ...text.split(/[()]/)].map((c) => c.trim()).filter(Boolean);
  for (const candidate of candidates) {
    const chinese = TRACE_MODE_NAMES[candidate];
    if (chinese) return chinese;
    const name = candidate.toUpperCase().replace(/[\s-]+/g, "_");
    if (Object.values(TraceMode).includes(name as TraceMode)) return name as TraceMode;
  }
  problems.push({
    field: "input.traceMode",
    rule: "trace mode",
    message: `"${value}" is not one of 一品一码, 一批一码, 一物一码, 组合多码 (PER_PRODUCT, PER_BATCH, PER_ITEM, COMBINED)`,
  });
  return null;
}

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A calendar day as spreadsheets write it: 2026-01-15, 2026/1/15, 2026.1.15, 2026年1月15日, 20260115, with or without
 * a time after it; as a Date at UTC midnight, as the GraphQL `Date` scalar gives it to the service.
 */
export function parseDate(value: string, problems: FieldProblem[]): Date | null {
  const text = value.normalize("NFKC").trim();
  const field = "input.productionDate";
  if (text === "") {
    problems.push({ field, rule: "required", message: "is required and may not be empty" });
    return null;
  }
  const match = DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date;
  }
  problems.push({ field, rule: "date", message: `"${value}" is not a date like 2026-01-15 or 2026/1/15` });
  return null;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** A number as spreadsheets write it: `5000`, `5,000`, `5 000.5`, full-width digits. */
export function parseQuantity(value: string, problems: FieldProblem[]): number | null {
  const text = value.normalize("NFKC").trim();
  const field = "input.quantity";
  if (text === "") {
    problems.push({ field, rule: "required", message: "is required and may not be empty" });
    return null;
  }
  const plain = text.replace(/(?<=\d)[,\s](?=\d{3}(?:\D|$))/g, "");
  if (!NUMBER.test(plain)) {
    problems.push({ field, rule: "number", message: `"${value}" is not a number` });
    return null;
  }
  return Number(plain);
}

/** Codes separated by `;`, `；` or line breaks within the cell. */
export function splitList(value: string): string[] {
  return value
    .split(/[;；\r\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * `ext.` cells: text as written, or JSON when the cell holds an array or object (`["440000","430000"]`); empty cells
 * are left out. Null when there is nothing, as a GraphQL client that sends no extended info.
 */
export function parseExtended(
  cells: readonly { name: string; value: string }[],
  problems: FieldProblem[],
): Record<string, unknown> | null {
  const extended: Record<string, unknown> = {};
  for (const { name, value } of cells) {
    const text = value.trim();
    if (text === "") continue;
    if (!/^[[{]/.test(text)) {
      extended[name] = text;
      continue;
    }
    try {
      extended[name] = JSON.parse(text) as unknown;
    } catch {
      problems.push({
        field: `input.extended.${name}`,
        rule: "JSON",
        message: `starts with ${text.charAt(0)} but is not valid JSON`,
      });
    }
  }
  return Object.keys(extended).length === 0 ? null : extended;
}
