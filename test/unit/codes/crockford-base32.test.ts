import { describe, expect, it } from "vitest";
import { CROCKFORD_ALPHABET, crockfordValue, normalizeCrockford } from "../../../src/codes/crockford-base32.js";

describe("Crockford base 32", () => {
  it("has 32 distinct symbols without I, L, O and U", () => {
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it("reads lower case, I and L as 1, O as 0", () => {
    expect(crockfordValue("a")).toBe(10);
    expect(crockfordValue("I")).toBe(1);
    expect(crockfordValue("l")).toBe(1);
    expect(crockfordValue("o")).toBe(0);
  });

  it("rejects U, punctuation, non-ASCII and multi-character input", () => {
    for (const symbol of ["U", "u", ":", "/", "é", "", "AB"]) expect(crockfordValue(symbol)).toBe(-1);
  });

  it("normalizes separators, case and aliases", () => {
    expect(normalizeCrockford(" ab-cd  ef\til-o ")).toBe("ABCDEF110");
    expect(normalizeCrockford("AB:CD")).toBeUndefined();
  });
});
