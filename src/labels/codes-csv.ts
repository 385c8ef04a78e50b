import { UTF8_BOM, csvRow } from "../csv/csv-row.js";

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
