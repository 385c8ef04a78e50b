import { NotFoundError } from "../errors/app-errors.js";
import type { CodeValueRow, ConsumerRepository, LabelBatchRow, LabelCodeRow } from "../graph/consumer.repository.js";
import { codeUrl } from "../producer/code-url.js";
import type { CodeCsvRow } from "./codes-csv.js";
import { humanReadableCode } from "./human-readable-code.js";
import { rangeText, type LabelContent } from "./label-fields.js";
import { LABEL_PAGE_SIZE, keysetPages, type CodePageSource } from "./label-export.js";
import type { Principal } from "../access/principal.js";

/** A batch opened for export, with its product: its first page of codes is read already, the rest on demand. */
export interface BatchExport extends LabelBatchRow {
  empty: boolean;
  pages: AsyncIterable<LabelCodeRow[]>;
}

/** Who may download a batch's codes (TraceCodeService). Downloads never mark codes PRINTED: markCodesPrinted does. */
export interface CodePrinting {
  /** Valid item codes are secrets until applied: only the batch's maker (or the operator) may list or print them. */
  assertMakerOfBatch(batchId: string, principal: Principal): Promise<void>;
}

/** Label sheets and code lists of a batch: what goes on each label, and the lifecycle step of printing. */
export class BatchLabelService {
  constructor(
    private readonly repository: ConsumerRepository,
    private readonly printing: CodePrinting,
    private readonly publicBaseUrl: string,
  ) {}

  /** NOT_FOUND for an unknown batch; the first page is read here so an answer can still be an error page. */
  async open(batchId: string, principal: Principal, pageSize: number = LABEL_PAGE_SIZE): Promise<BatchExport> {
    await this.printing.assertMakerOfBatch(batchId, principal);
    const row = await this.repository.labelBatch(batchId);
    if (!row) throw new NotFoundError(`batch ${batchId} does not exist`, { field: "id", value: batchId });
    const source: CodePageSource<LabelCodeRow> = (after, limit) => this.repository.batchCodePage(batchId, after, limit);
    const first = await source(null, pageSize);
    return { ...row, empty: first.length === 0, pages: keysetPages(source, pageSize, first) };
  }

  /** What a code's label shows: the QR URL (our `/t/` page, or a Digital Link on our host) and the printed text. */
  label(key: string): { url: string; code: string } {
    return { url: codeUrl(this.publicBaseUrl, key), code: humanReadableCode(key) };
  }

  /** Everything a label of `code` may print: the code, its type and range, the batch's product, date and maker. */
  labelContent({ batch, product, maker }: LabelBatchRow, code: LabelCodeRow): LabelContent {
    return {
      ...this.label(code.key),
      name: product?.name ?? "",
      model: product?.model ?? "",
      batchNo: batch.batchNo,
      productionDate: batch.productionDate ?? "",
      maker: maker ?? "",
      codeType: code.codeType ?? "",
      range: rangeText(code.segment, code.length),
    };
  }

  /**
   * The batch's code list for industrial printers: NOT_FOUND for an unknown batch (checked before anything is sent);
   * its rows in key order, a page at a time as the database reads them (the codes issued under it, its own code and
   * its product's merged in), each with the producer's effective status.
   */
  async openCodeList(
    batchId: string,
    principal: Principal,
  ): Promise<LabelBatchRow & { pages: AsyncIterable<CodeCsvRow[]> }> {
    await this.printing.assertMakerOfBatch(batchId, principal);
    const row = await this.repository.labelBatch(batchId);
    if (!row) throw new NotFoundError(`batch ${batchId} does not exist`, { field: "id", value: batchId });
    const own = await this.repository.batchOwnCodes(batchId);
    const codes = mergeByKey(own, this.repository.batchCodeValuePages(batchId));
    return { ...row, pages: this.csvPages(row, codes) };
  }

  private async *csvPages(
    { batch, product }: LabelBatchRow,
    pages: AsyncIterable<CodeValueRow[]>,
  ): AsyncGenerator<CodeCsvRow[]> {
    const productName = product?.name ?? "";
    const model = product?.model ?? "";
    for await (const codes of pages) {
      yield codes.map((code) => ({
        code: humanReadableCode(code.key),
        url: codeUrl(this.publicBaseUrl, code.key),
        status: effectiveStatus(code.status, code.ofProduct ? null : batch.status),
        product: productName,
        model,
        batch: batch.batchNo,
      }));
    }
  }
}

/**
 * A code's status as the producer reports it (trace-code.queries.ts EFFECTIVE_CODE_STATUS): VOID sticks; a code of a
 * released (or recalled) batch is ACTIVE; else as stored.
 */
export function effectiveStatus(stored: string | null, batchStatus: string | null): string {
  if (stored === "VOID") return "VOID";
  if (stored === "ACTIVE" || batchStatus === "RELEASED" || batchStatus === "RECALLED") return "ACTIVE";
  return stored ?? "";
}

/** The few sorted `own` rows merged into the sorted pages `rest`, by key (a page without any of them passes as is). */
async function* mergeByKey(
  own: readonly CodeValueRow[],
  rest: AsyncIterable<CodeValueRow[]>,
): AsyncGenerator<CodeValueRow[]> {
  let next = 0;
  for await (const page of rest) {
    const last = page.at(-1);
    if (next >= own.length || last === undefined || own[next]!.key >= last.key) {
      yield page;
      continue;
    }
    const merged: CodeValueRow[] = [];
    for (const row of page) {
      while (next < own.length && own[next]!.key < row.key) merged.push(own[next++]!);
      merged.push(row);
    }
    yield merged;
  }
  if (next < own.length) yield own.slice(next);
}
