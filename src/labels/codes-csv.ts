import { UTF8_BOM, csvCell, csvRow } from "../csv/csv-row.js";

/**
 * The code list for industrial printers, in the project's one CSV dialect (`server/csv.ts`): RFC 4180, UTF-8 with a
 * BOM so Excel and WPS open the Chinese names correctly, CRLF line ends, and a leading `'` on any field a
 * spreadsheet would run as a formula (CSV injection; every field, not only the names we expect a producer to type).
 */
export const CSV_BOM = UTF8_BOM;
export const CSV_HEADER = ["code", "url", "status", "product", "model", "batch"] as const;

export interface CodeCsvRow {
  code: string;
  url: string;
  status: string;
  product: string;
  model: string;
  batch: string;
}

export const csvLine = csvRow;

export function codeCsvLine(row: CodeCsvRow): string {
  return csvRow(CSV_HEADER.map((column) => row[column]));
}

/**
 * The lines of a page of rows, `copies` lines per row, as one string: the same text as `codeCsvLine` row by row, but
 * the cells every row of a batch shares (product, model, batch) are escaped once per page, not once per row.
 */
export function codeCsvLines(rows: readonly CodeCsvRow[], copies: number): string {
  let text = "";
  let shared: CodeCsvRow | null = null;
  let sharedCells = "";
  for (const row of rows) {
    if (shared === null || row.product !== shared.product || row.model !== shared.model || row.batch !== shared.batch) {
      shared = row;
      sharedCells = `,${csvCell(row.product)},${csvCell(row.model)},${csvCell(row.batch)}\r\n`;
    }
    const line = `${csvCell(row.code)},${csvCell(row.url)},${csvCell(row.status)}${sharedCells}`;
    for (let copy = 0; copy < copies; copy++) text += line;
  }
  return text;
}
