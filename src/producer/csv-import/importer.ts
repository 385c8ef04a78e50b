import { IdentifierError } from "../../codes/index.js";
import { AppError, NotFoundError } from "../../errors/app-errors.js";
import type { BatchRequest, ProductRequest } from "../producer-requests.js";
import { BATCH_TEXT_LIMITS, PRODUCT_TEXT_LIMITS, componentListProblems, textLimitProblems } from "../field-limits.js";
import { checkBatchInfo } from "../batch-info.js";
import type { FieldProblem } from "../field-problem.js";
import type { BatchRecord, ProductRecord } from "../producer-model.js";
import type { BatchService } from "../batch.service.js";
import type { ProductService } from "../product.service.js";
import { checkProductInfo, type ProductInfo } from "../product-info.js";
import { mapHeader, type HeaderMapping, type ImportKind } from "./columns.js";
import { CsvFileError, openCsv, type CsvEncoding } from "./csv-source.js";
import { batchDifferences, describeDifferences, productDifferences, sameModel, type Difference } from "./identity.js";
import { isBlankRow, rowCells, toBatchRequest, toProductRequest, type RowCells } from "./rows.js";
import { OPERATOR, type Principal } from "../../access/principal.js";

export type RowStatus = "IMPORTED" | "SKIPPED" | "REJECTED";

/** One reason a row was rejected: the spreadsheet column, the service's field, the rule, a sentence. */
export interface RowProblem {
  column: string | null;
  field: string | null;
  rule: string;
  message: string;
}

export interface RowOutcome {
  /** Spreadsheet row number (header = 1). */
  row: number;
  status: RowStatus;
  /** The product or batch id: created, found identical, or in conflict. */
  id: string | null;
  /** Error code of a rejection (BAD_USER_INPUT, CONFLICT, NOT_FOUND, FORBIDDEN). */
  code: string | null;
  problems: RowProblem[];
}

export interface CsvImportTotals {
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
}

export interface CsvImportResult {
  kind: ImportKind;
  file: string;
  encoding: CsvEncoding;
  totals: CsvImportTotals;
  outcomes: RowOutcome[];
  /** Header cells that name no field: their cells are not imported. */
  ignoredColumns: string[];
  /** Why the import stopped before the end of the file (rows before it were imported), or null. */
  aborted: string | null;
}

export interface CsvImportOptions {
  /** Fills an empty or missing manufacturer column of a products file. */
  manufacturerId?: string | null;
  /** Overrides encoding detection. */
  encoding?: CsvEncoding;
  onProgress?: (totals: CsvImportTotals, fraction: number) => void;
  /** The clock deciding "not in the future" (tests). */
  now?: () => Date;
  /** Who imports (the rows are written on its behalf); default the operator, as the command line runs. */
  principal?: Principal;
}

/** The header cannot be imported as the named kind: missing or doubled columns, or no header at all. */
export class CsvHeaderError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
    this.name = "CsvHeaderError";
  }
}

type Outcome = Omit<RowOutcome, "row">;

/** A FieldProblem, or a service error that names no field. */
type Problem = Omit<FieldProblem, "field"> & { field: string | null };

/** Codes of the errors that reject one row; anything else (database down, a bug) stops the import. */
const ROW_ERROR_CODES = new Set(["BAD_USER_INPUT", "CONFLICT", "NOT_FOUND", "FORBIDDEN"]);

/**
 * Imports products or batches from a spreadsheet's CSV through the services of the GraphQL mutations, row by row:
 * each row is one `registerProduct` / `createBatch` call, so one transaction, and a rejected row writes nothing.
 * A row that exists already with the same data is SKIPPED (imported before), with other data it is a CONFLICT.
 * Rows run one after another, so a file that names the same product twice is judged in order.
 */
export class CsvImporter {
  constructor(
    private readonly producer: { products: ProductService; batches: BatchService },
    private readonly options: CsvImportOptions = {},
  ) {}

  async importFile(kind: ImportKind, file: string): Promise<CsvImportResult> {
    const source = await openCsv(file, this.options.encoding);
    const totals: CsvImportTotals = { rows: 0, imported: 0, skipped: 0, rejected: 0 };
    const result: CsvImportResult = {
      kind,
      file,
      encoding: source.encoding,
      totals,
      outcomes: [],
      ignoredColumns: [],
      aborted: null,
    };
    const progress = () => this.options.onProgress?.(totals, fraction(source.bytesRead(), source.totalBytes));
    let header: { mapping: HeaderMapping; length: number; columns: Map<string, string> } | null = null;
    try {
      for await (const { row, cells } of source.rows()) {
        if (header === null) {
          if (isBlankRow(cells)) continue;
          header = readHeader(kind, row, cells, Boolean(this.options.manufacturerId));
          result.ignoredColumns = header.mapping.ignored;
          continue;
        }
        if (isBlankRow(cells)) continue;
        const values = rowCells(header.mapping, header.length, cells);
        let outcome: RowOutcome;
        try {
          outcome = { row, ...(await this.importRow(kind, values)) };
        } catch (error) {
          // Not the row's fault (database unavailable, a bug): stop here; the rows before are imported.
          result.aborted = `row ${row}: ${(error as Error).message}`;
          break;
        }
        for (const problem of outcome.problems) problem.column = columnOf(problem.field, header.columns);
        result.outcomes.push(outcome);
        totals.rows += 1;
        if (outcome.status === "IMPORTED") totals.imported += 1;
        else if (outcome.status === "SKIPPED") totals.skipped += 1;
        else totals.rejected += 1;
        progress();
      }
    } catch (error) {
      if (!(error instanceof CsvFileError) || header === null) throw error;
      result.aborted = error.message;
    }
    if (header === null) throw new CsvHeaderError(`${file} has no header row`, []);
    this.options.onProgress?.(totals, result.aborted ? fraction(source.bytesRead(), source.totalBytes) : 1);
    return result;
  }

  private async importRow(kind: ImportKind, values: RowCells): Promise<Outcome> {
    try {
      return kind === "products" ? await this.importProduct(values) : await this.importBatch(values);
    } catch (error) {
      if (error instanceof IdentifierError) {
        return rejected("BAD_USER_INPUT", [{ field: null, rule: error.reason, message: error.message }]);
      }
      if (error instanceof AppError && ROW_ERROR_CODES.has(error.code)) {
        return rejected(error.code, problemsOf(error, kind === "products" ? "input.id" : "input.batchNo"));
      }
      throw error;
    }
  }

  private get principal(): Principal {
    return this.options.principal ?? OPERATOR;
  }

  private async importProduct(values: RowCells): Promise<Outcome> {
    const { input, problems } = toProductRequest(values, { manufacturerId: this.options.manufacturerId });
    problems.push(...limitProblems(input));
    const checked = checkProductInfo(input);
    if (problems.length > 0) return rejected("BAD_USER_INPUT", merge(problems, checked.problems));
    if (checked.problems.length === 0) {
      const { info } = checked;
      const existing = await this.existingProduct(info);
      if (existing) return compared(existing.id, productDifferences(existing, info), "product");
    }
    const product = await this.producer.products.registerProduct(input, this.principal);
    return { status: "IMPORTED", id: product.id, code: null, problems: [] };
  }

  private async importBatch(values: RowCells): Promise<Outcome> {
    const { input, problems } = toBatchRequest(values);
    problems.push(...limitProblems(input));
    const now = this.options.now?.() ?? new Date();
    const product = input.productId.trim() ? await this.productById(input.productId.trim()) : null;
    if (problems.length > 0) {
      // Without its product the checks that need none (required fields, dates, component codes) still run.
      const facts = product ?? { category: "", gtin: null };
      const more = [...(product ? [] : [missingProduct(input)]), ...checkBatchInfo(input, facts, now).problems];
      return rejected("BAD_USER_INPUT", merge(problems, more));
    }
    if (product) {
      const { info, problems: infoProblems } = checkBatchInfo(input, product, now);
      const existing = infoProblems.length === 0 ? await this.existingBatch(`${product.id}:${info.batchNo}`) : null;
      if (existing) return compared(existing.id, batchDifferences(existing, info), "batch");
    }
    const batch = await this.producer.batches.createBatch(input, this.principal, now);
    return { status: "IMPORTED", id: batch.id, code: null, problems: [] };
  }

  /** By id, else GTIN (the default id), else the manufacturer's product of that model and brand. */
  private async existingProduct(info: ProductInfo): Promise<ProductRecord | null> {
    const id = info.id ?? info.gtin;
    if (id !== null) return this.productById(id);
    return sameModel(await this.producer.products.productsOf(info.manufacturerId), info);
  }

  private async productById(id: string): Promise<ProductRecord | null> {
    return orNull(this.producer.products.product(id));
  }

  private async existingBatch(id: string): Promise<BatchRecord | null> {
    return orNull(this.producer.batches.batch(id));
  }
}

/** Reads only the header: throws CsvHeaderError when `file` cannot be imported as `kind`. */
export async function checkCsvHeader(
  kind: ImportKind,
  file: string,
  options: Pick<CsvImportOptions, "manufacturerId" | "encoding"> = {},
): Promise<HeaderMapping> {
  const source = await openCsv(file, options.encoding);
  for await (const { row, cells } of source.rows()) {
    if (!isBlankRow(cells)) return readHeader(kind, row, cells, Boolean(options.manufacturerId)).mapping;
  }
  throw new CsvHeaderError(`${file} has no header row`, []);
}

/** The header's mapping, and the column of each service field for naming problems. */
function readHeader(kind: ImportKind, row: number, cells: readonly string[], manufacturerGiven: boolean) {
  const mapping = mapHeader(kind, cells, kind === "products" && manufacturerGiven ? ["manufacturerId"] : []);
  if (mapping.errors.length > 0) {
    throw new CsvHeaderError(`row ${row} is not a header of ${kind}: ${mapping.errors.join("; ")}`, mapping.errors);
  }
  const columns = new Map<string, string>();
  for (const column of mapping.columns) {
    const target = column.target;
    columns.set(target.kind === "field" ? `input.${target.field}` : `input.extended.${target.name}`, column.header);
  }
  return { mapping, length: cells.length, columns };
}

async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

function fraction(done: number, total: number): number {
  return total > 0 ? Math.min(1, done / total) : 1;
}

function rejected(code: string, problems: readonly Problem[]): Outcome {
  return { status: "REJECTED", id: null, code, problems: problems.map((p) => ({ column: null, ...p })) };
}

/** An existing record: skipped when identical, a conflict naming every difference otherwise. */
function compared(id: string, diffs: readonly Difference[], what: string): Outcome {
  const first = diffs[0];
  if (!first) return { status: "SKIPPED", id, code: null, problems: [] };
  const message = `${what} ${id} exists already with other data: ${describeDifferences(diffs)}`;
  return {
    status: "REJECTED",
    id,
    code: "CONFLICT",
    problems: diffs.map((d) => ({ column: null, field: d.field, rule: "same as existing", message })),
  };
}

/** Conversion problems first; of the services' checks only those on fields that converted. */
function merge(conversion: readonly FieldProblem[], checks: readonly FieldProblem[]): FieldProblem[] {
  const fields = new Set(conversion.map((p) => p.field));
  return [...conversion, ...checks.filter((p) => !fields.has(p.field))];
}

function missingProduct(input: BatchRequest): FieldProblem {
  return { field: "input.productId", rule: "exists", message: `product ${input.productId} does not exist` };
}

/** The size limits of the inputs, the same table the GraphQL input classes declare. */
function limitProblems(input: ProductRequest | BatchRequest): FieldProblem[] {
  return "batchNo" in input
    ? [...textLimitProblems(input, BATCH_TEXT_LIMITS), ...componentListProblems(input)]
    : textLimitProblems(input, PRODUCT_TEXT_LIMITS);
}

/** The problems a service error carries: its `errors` list, else its own field and rule. */
function problemsOf(error: AppError, conflictField: string): Problem[] {
  const extensions = error.extensions;
  const listed = Array.isArray(extensions.errors) ? extensions.errors.filter(isFieldProblem) : [];
  if (listed.length > 0) return listed;
  const field =
    typeof extensions.field === "string"
      ? extensions.field
      : error.code === "CONFLICT" && typeof extensions.key === "string" && conflictField === "input.id"
        ? "input.gtin"
        : error.code === "CONFLICT"
          ? conflictField
          : null;
  const rule = typeof extensions.rule === "string" ? extensions.rule : (DEFAULT_RULES[error.code] ?? error.code);
  return [{ field, rule, message: error.message }];
}

const DEFAULT_RULES: Record<string, string> = { CONFLICT: "unique", NOT_FOUND: "exists", FORBIDDEN: "allowed" };

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== "object" || value === null) return false;
  const problem = value as Record<string, unknown>;
  return typeof problem.field === "string" && typeof problem.rule === "string" && typeof problem.message === "string";
}

/** The spreadsheet column of a service field: `input.components[2]` is the components column. */
function columnOf(field: string | null, columns: ReadonlyMap<string, string>): string | null {
  if (!field) return null;
  return columns.get(field) ?? columns.get(field.replace(/\[\d+\]$/, "")) ?? null;
}
