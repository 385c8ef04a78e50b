import { describe, expect, it } from "vitest";
import { CROCKFORD_ALPHABET } from "../../../src/codes/crockford-base32.js";
import { IdentifierError } from "../../../src/codes/identifier-error.js";
import { gf32Multiply, hasValidTraceCheck, traceCheckChar } from "../../../src/codes/trace-code-check.js";
import { generateTraceCodes } from "../../../src/codes/trace-code-generate.js";
import { formatTraceCode } from "../../../src/codes/trace-code-format.js";
import { parseTraceCode } from "../../../src/codes/trace-code-parse.js";
import { seededRandom } from "./seeded-random.js";

const compact = (code: string): string => code.replaceAll("-", "");
const withCheck = (body: string): string => body + traceCheckChar(body);
const replaceAt = (text: string, position: number, symbol: string): string =>
  text.slice(0, position) + symbol + text.slice(position + 1);
const swap = (text: string, left: number, right: number): string =>
  replaceAt(replaceAt(text, left, text.charAt(right)), right, text.charAt(left));
const rejected = (code: string): boolean => {
  try {
    parseTraceCode(formatTraceCode(code));
    return false;
  } catch (error) {
    return error instanceof IdentifierError;
  }
};

/** 240 real codes: 40 of each type, from two issuers, with a fixed seed. */
const SAMPLE = (["PRODUCT", "BATCH", "ITEM", "BUNDLE", "MOTHER", "SEGMENT"] as const).flatMap((type, index) =>
  generateTraceCodes(type, index % 2 === 0 ? "BRJD" : "7K3Q", 40, seededRandom(index + 1)).map(compact),
);

describe("trace code check character", () => {
  it("lies in GF(32): multiplication by a non-zero element is a bijection", () => {
    for (let a = 1; a < 32; a++) {
      const products = new Set(Array.from({ length: 32 }, (_unused, b) => gf32Multiply(a, b)));
      expect(products.size).toBe(32);
    }
  });

  it("is itself a printable base-32 symbol", () => {
    for (const code of SAMPLE) expect(CROCKFORD_ALPHABET).toContain(code.charAt(15));
  });

  it("catches every single-symbol substitution in every sampled code (exhaustive per code)", () => {
    const missed: string[] = [];
    for (const code of SAMPLE) {
      for (let position = 0; position < code.length; position++) {
        for (const symbol of CROCKFORD_ALPHABET) {
          if (symbol === code.charAt(position)) continue;
          const typo = replaceAt(code, position, symbol);
          if (hasValidTraceCheck(typo) || !rejected(typo)) missed.push(typo);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it("catches every adjacent transposition in every sampled code (exhaustive per code)", () => {
    const missed: string[] = [];
    for (const code of SAMPLE) {
      for (let position = 0; position + 1 < code.length; position++) {
        if (code.charAt(position) === code.charAt(position + 1)) continue; // swapping equal symbols is no error
        const typo = swap(code, position, position + 1);
        if (hasValidTraceCheck(typo) || !rejected(typo)) missed.push(typo);
      }
    }
    expect(missed).toEqual([]);
  });

  // The check is linear over GF(2)^5: whether an error is caught depends only on the error (position and the two
  // symbols involved), never on the other symbols. So one base code per case covers all 32^15 valid codes.
  it("catches every substitution of every symbol value at every position, for all codes", () => {
    let missed = 0;
    let cases = 0;
    for (let position = 0; position < 15; position++) {
      for (const original of CROCKFORD_ALPHABET) {
        const code = withCheck(replaceAt(ZEROS, position, original));
        for (const symbol of CROCKFORD_ALPHABET.replace(original, "")) {
          cases++;
          if (hasValidTraceCheck(replaceAt(code, position, symbol))) missed++;
        }
      }
    }
    // The check position: a body has exactly one valid check symbol, so the other 31 are all caught.
    const valid = withCheck(ZEROS);
    for (const symbol of CROCKFORD_ALPHABET.replace(valid.charAt(15), "")) {
      cases++;
      if (hasValidTraceCheck(ZEROS + symbol)) missed++;
    }
    expect({ cases, missed }).toEqual({ cases: 15 * 32 * 31 + 31, missed: 0 });
  });

  it("catches every transposition of two different symbols, adjacent or not, for all codes", () => {
    let missed = 0;
    let cases = 0;
    for (let left = 0; left < 16; left++) {
      for (let right = left + 1; right < 16; right++) {
        for (const a of CROCKFORD_ALPHABET) {
          for (const b of CROCKFORD_ALPHABET.replace(a, "")) {
            cases++;
            if (hasValidTraceCheck(swap(validCodeWith(left, a, right, b), left, right))) missed++;
          }
        }
      }
    }
    expect({ cases, missed }).toEqual({ cases: ((16 * 15) / 2) * 32 * 31, missed: 0 });
  });
});

const ZEROS = "0".repeat(15);

/**
 * A valid code with symbol a at `left` and b at `right`. When `right` is the check position, another body symbol is
 * chosen so that the check comes out as b; one always exists, because a non-zero weight makes the check a bijection
 * of any single body symbol.
 */
function validCodeWith(left: number, a: string, right: number, b: string): string {
  const body = replaceAt(ZEROS, left, a);
  if (right < 15) return withCheck(replaceAt(body, right, b));
  const free = left === 0 ? 1 : 0;
  const candidates = [...CROCKFORD_ALPHABET].map((filler) => withCheck(replaceAt(body, free, filler)));
  const code = candidates.find((candidate) => candidate.charAt(15) === b);
  if (code === undefined) throw new Error(`no code with ${a} at ${left} and check ${b}`);
  return code;
}
