/**
 * Crockford's base-32 alphabet: digits and upper-case letters without I, L, O and U, so no two symbols look or sound
 * alike and no accidental words are spelled. Reading is forgiving the way Crockford specifies: case-insensitive,
 * I and L read as 1, O as 0.
 */
export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Letters people write for digits; Crockford reads them as the digit they resemble. */
const ALIASES: Readonly<Record<string, number>> = { I: 1, L: 1, O: 0 };

/** Value of each ASCII code, -1 when the character is not a (forgiven) base-32 symbol. */
const VALUES: Int8Array = buildValues();

function buildValues(): Int8Array {
  const values = new Int8Array(128).fill(-1);
  for (let value = 0; value < CROCKFORD_ALPHABET.length; value++) {
    const symbol = CROCKFORD_ALPHABET.charAt(value);
    values[symbol.charCodeAt(0)] = value;
    values[symbol.toLowerCase().charCodeAt(0)] = value;
  }
  for (const [alias, value] of Object.entries(ALIASES)) {
    values[alias.charCodeAt(0)] = value;
    values[alias.toLowerCase().charCodeAt(0)] = value;
  }
  return values;
}

/** The value 0-31 of one symbol, or -1 when it is not one. */
export function crockfordValue(symbol: string): number {
  const code = symbol.charCodeAt(0);
  return symbol.length === 1 && code < 128 ? (VALUES[code] ?? -1) : -1;
}

/**
 * Canonical symbols of `input` with separators (`-`, whitespace) removed and aliases resolved; undefined when any
 * other character is present.
 */
export function normalizeCrockford(input: string): string | undefined {
  let out = "";
  for (const char of input.replace(/[\s-]+/g, "")) {
    const value = crockfordValue(char);
    if (value < 0) return undefined;
    out += CROCKFORD_ALPHABET.charAt(value);
  }
  return out;
}
