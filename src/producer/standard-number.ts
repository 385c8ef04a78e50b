/**
 * Executive standard numbers (执行标准) as printed on Chinese products: a standard's code, its number (with optional
 * part numbers) and the four-digit year. Accepted codes:
 *   national `GB`, `GB/T`, `GB/Z`;  industry `JB/T`, `QB/T`, `YD/T`, …;  local `DB44/T`;  group `T/CEEIA`;
 *   enterprise `Q/XXX` (an enterprise code of letters or digits, optionally followed by a short code).
 * e.g. `GB/T 12706.1-2020`, `GB 17761-2024`, `Q/XXX 001-2023`, `T/CEEIA 280-2017`, `DB44/T 1234-2021`.
 */
const STANDARD_NO =
  /^(?:GB(?:\/[TZ])?|[A-Z]{2}(?:\/[TZ])?|DB\d{2}(?:\/T)?|T\/[A-Z0-9]{2,12}|Q\/[A-Z0-9]{1,12}(?: [A-Z0-9]{1,8})?) ?\d+(?:\.\d+)*-(?:19|20)\d{2}$/;

/** The standard number in its usual spelling (trimmed, one space, upper case), or null when it is not one. */
export function normalizeStandardNo(value: string): string | null {
  const text = value
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[—–－]/g, "-")
    .toUpperCase();
  return STANDARD_NO.test(text) ? text : null;
}
