import { CROCKFORD_ALPHABET, crockfordValue } from "./crockford-base32.js";

/**
 * Check character of our trace codes: one base-32 symbol c with
 *
 *     c = a_1·α^n ⊕ a_2·α^(n-1) ⊕ … ⊕ a_n·α        (arithmetic in GF(32), α a primitive element)
 *
 * i.e. a pure ISO/IEC 7064-style system whose modulus is the field GF(2^5) instead of a prime: each symbol value is
 * an element of the field, the weights α^k are pairwise distinct and non-zero for k < 31. Why it catches errors:
 * - a substitution e at position k changes the sum by α^k·e, non-zero because a field has no zero divisors;
 * - swapping symbols a ≠ b at positions j and k changes it by (α^j ⊕ α^k)·(a ⊕ b), non-zero because the weights
 *   differ — so every transposition is caught, adjacent or not, check character included (its weight is α^0 = 1).
 * A prime modulus (MOD 37-2) would need 37 check symbols; GF(32) keeps the check inside the printable alphabet.
 * The unit tests verify both properties exhaustively.
 */
const FIELD_SIZE = 32;
/** x^5 + x^2 + 1, a primitive polynomial, so α = x has order 31. */
const PRIMITIVE_POLYNOMIAL = 0b100101;
/** Positions with distinct weights: α^0 … α^30. */
export const MAX_CHECKED_LENGTH = FIELD_SIZE - 1;

const EXP = new Uint8Array(2 * MAX_CHECKED_LENGTH);
const LOG = new Uint8Array(FIELD_SIZE);
for (let power = 0, element = 1; power < MAX_CHECKED_LENGTH; power++) {
  EXP[power] = element;
  EXP[power + MAX_CHECKED_LENGTH] = element;
  LOG[element] = power;
  element <<= 1;
  if (element & FIELD_SIZE) element ^= PRIMITIVE_POLYNOMIAL;
}

/** Product in GF(32). */
export function gf32Multiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[(LOG[a] ?? 0) + (LOG[b] ?? 0)] ?? 0;
}

/**
 * `table[i * 32 + v]` is the weighted contribution of value v at position i of a body of `bodyLength` symbols.
 * Generation uses it to compute check characters without multiplying.
 */
export function checkContributionTable(bodyLength: number): Uint8Array {
  if (bodyLength < 1 || bodyLength >= MAX_CHECKED_LENGTH) {
    throw new RangeError(`body length ${bodyLength} not checkable`);
  }
  const table = new Uint8Array(bodyLength * FIELD_SIZE);
  for (let position = 0; position < bodyLength; position++) {
    const weight = EXP[bodyLength - position] ?? 0;
    for (let value = 0; value < FIELD_SIZE; value++) table[position * FIELD_SIZE + value] = gf32Multiply(weight, value);
  }
  return table;
}

/** Check value 0-31 of body symbol values (each 0-31). */
export function checkValueOf(values: readonly number[]): number {
  let check = 0;
  values.forEach((value, position) => {
    check ^= gf32Multiply(EXP[values.length - position] ?? 0, value);
  });
  return check;
}

/** Check character for a body in canonical Crockford symbols (no separators, upper case). */
export function traceCheckChar(body: string): string {
  const values = [...body].map(crockfordValue);
  if (values.length >= MAX_CHECKED_LENGTH || values.some((value) => value < 0)) {
    throw new RangeError(`"${body}" is not a checkable base-32 body`);
  }
  return CROCKFORD_ALPHABET.charAt(checkValueOf(values));
}

/** True when the last symbol is the check character of the ones before it. */
export function hasValidTraceCheck(codeWithCheck: string): boolean {
  const body = codeWithCheck.slice(0, -1);
  const values = [...codeWithCheck].map(crockfordValue);
  if (body.length < 1 || values.length > MAX_CHECKED_LENGTH || values.some((value) => value < 0)) return false;
  return checkValueOf(values.slice(0, -1)) === values.at(-1);
}
