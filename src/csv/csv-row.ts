/**
 * CSV for spreadsheets (RFC 4180, UTF-8 with BOM so Excel reads Chinese correctly). A cell starting with = + - @ or a
 * tab/CR would be run as a formula by Excel or LibreOffice (CSV injection), so it gets a leading apostrophe.
 */
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
