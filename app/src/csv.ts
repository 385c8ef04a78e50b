/** CSV as spreadsheets open it: UTF-8 with a byte order mark, every field quoted when it needs to be. */
export function toCsv(header: string[], rows: (string | number | null)[][]): Blob {
  const field = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    // A leading = + - @ would be run as a formula by a spreadsheet.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [header, ...rows].map((row) => row.map(field).join(","));
  return new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
}
