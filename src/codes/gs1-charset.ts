/**
 * Character sets of GS1 General Specifications §7.11. Serials, lots, asset references and the other alphanumeric
 * AI values use set 82; the CPI part reference (AI 8010) is restricted to set 39 so it survives any barcode.
 */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
const CSET39 = /^[#\-/0-9A-Z]*$/;

/** True when every character is in GS1 AI encodable character set 82. */
export function isCset82(value: string): boolean {
  return CSET82.test(value);
}

/** True when every character is in GS1 AI encodable character set 39. */
export function isCset39(value: string): boolean {
  return CSET39.test(value);
}
