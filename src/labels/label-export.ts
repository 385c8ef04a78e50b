import { once } from "node:events";
import type { Writable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { ClientGoneError, untilDrained, writeLines } from "../csv/csv-stream.js";

export { ClientGoneError };
import { CSV_BOM, CSV_HEADER, codeCsvLines, csvLine, type CodeCsvRow } from "./codes-csv.js";
import { LabelDocument } from "./label-document.js";
import type { LabelContent, LabelField } from "./label-fields.js";
import type { LabelFormat } from "./label-format.js";

/** A code's key, or a row that carries one. */
export type Keyed = string | { key: string };

/** One keyset page of codes after the key `after` (exclusive), in key order, at most `limit`. */
export type CodePageSource<T extends Keyed = string> = (after: string | null, limit: number) => Promise<T[]>;

const keyOf = (item: Keyed): string => (typeof item === "string" ? item : item.key);

/**
 * Codes per database round trip: each page is an index range in key order, so its cost does not grow with the batch;
 * small enough to bound memory (a page of labels is about 1,000 labels of PDF), large enough that a million codes
 * take a few hundred queries.
 */
export const LABEL_PAGE_SIZE = 1_000;
/** Kept for callers that page by the old name. */
export const CODE_PAGE_SIZE = LABEL_PAGE_SIZE;

/**
 * Pages of keys by keyset until a short page: never more than two pages in memory. The next page is asked for as soon
 * as a page is handed over, so the database reads it while the caller renders this one. `first` is a page the caller
 * has already read (to answer 404 or an empty batch before committing to a 200).
 */
export async function* keysetPages<T extends Keyed>(
  source: CodePageSource<T>,
  pageSize: number = LABEL_PAGE_SIZE,
  first?: T[],
): AsyncGenerator<T[]> {
  let page = first ?? (await source(null, pageSize));
  for (;;) {
    const last = page.at(-1);
    const next = page.length >= pageSize && last !== undefined ? source(keyOf(last), pageSize) : null;
    // A caller that stops early leaves the prefetched page unread: its failure must not go unhandled.
    next?.catch(() => undefined);
    if (page.length > 0) yield page;
    if (next === null) return;
    page = await next;
  }
}

/**
 * Waits until `out` has room again (backpressure), so a slow client holds at most about one page of output in
 * memory instead of the whole document. Throws ClientGoneError once the client has gone.
 *
 * It first yields one turn of the event loop: PDFKit hands its output over in `nextTick`s, which a generator
 * running on resolved promises alone would starve until the whole document was built in memory.
 */
export async function drained(out: Writable): Promise<void> {
  await nextTurn();
  if (out.destroyed || out.writableEnded) throw new ClientGoneError();
  if (!out.writableNeedDrain) return;
  await untilDrained(out);
}

export interface LabelPdfJob<T> {
  format: LabelFormat;
  /** What each label carries, in priority order. */
  fields: readonly LabelField[];
  font: Buffer;
  title: string;
  /** Everything the label of one code may print. */
  label: (code: T) => LabelContent;
  pages: AsyncIterable<T[]>;
}

/** Streams the labels of `pages` into `out` and ends it; memory stays bounded however many codes follow. */
export async function writeLabelPdf<T>(job: LabelPdfJob<T>, out: Writable): Promise<void> {
  const document = new LabelDocument(job.format, job.fields, job.font, job.title);
  // Writes are not awaited chunk by chunk: backpressure is applied between pages of codes, in `drained`.
  document.doc.on("data", (chunk: Buffer) => {
    if (!out.destroyed) out.write(chunk);
  });
  const ended = once(document.doc, "end");
  for await (const codes of job.pages) {
    for (const code of codes) document.add(job.label(code));
    await drained(out);
  }
  document.end();
  await ended;
  out.end();
}

/**
 * Streams the code list as CSV (BOM, header, one row per code) into `out` and ends it, `copies` rows per code: one
 * write per page of rows, with backpressure (writeLines).
 */
export async function writeCodesCsv(
  pages: AsyncIterable<readonly CodeCsvRow[]>,
  copies: number,
  out: Writable,
): Promise<void> {
  out.write(CSV_BOM + csvLine(CSV_HEADER));
  async function* chunks(): AsyncGenerator<string> {
    for await (const rows of pages) yield codeCsvLines(rows, copies);
  }
  await writeLines(out, chunks());
  out.end();
}
