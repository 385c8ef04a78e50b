import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdentifierError } from "../../../src/codes/identifier-error.js";
import { isValidUscc, usccCheckChar } from "../../../src/codes/uscc.js";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const first17 = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 2, maxLength: 2 }),
    fc.stringMatching(/^\d{6}$/),
    fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 9, maxLength: 9 }),
  )
  .map((parts) => parts.join(""));

describe("usccCheckChar", () => {
  it("computes the check character of GB 32100-2015 (weights 3^(i-1) mod 31)", () => {
    // 9 market regulator, 1 enterprise, 350100 Fuzhou, organisation code M000100Y4.
    expect(usccCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("agrees with codes issued to real companies", () => {
    for (const code of ["91440300708461136T", "91330100799655058B", "911100007109288314"]) {
      expect(usccCheckChar(code.slice(0, 17))).toBe(code.slice(17));
    }
  });

  it("writes a computed value of 31 as 0", () => {
    // Weighted sum 0: 31 - 0 = 31, which the standard writes as "0".
    expect(usccCheckChar("00000000000000000")).toBe("0");
  });

  it("rejects characters outside the alphabet and wrong lengths", () => {
    expect(() => usccCheckChar("91350100M000100I4")).toThrow(IdentifierError);
    expect(() => usccCheckChar("91350100M000100Y")).toThrow(IdentifierError);
  });
});

describe("isValidUscc", () => {
  it("accepts a code with its check character, in upper or lower case", () => {
    expect(isValidUscc("91350100M000100Y43")).toBe(true);
    expect(isValidUscc("91350100m000100y43")).toBe(true);
  });

  it("rejects every wrong check character", () => {
    for (const wrong of ALPHABET.replace("3", "")) expect(isValidUscc(`91350100M000100Y4${wrong}`)).toBe(false);
  });

  it("detects every single-character substitution", () => {
    fc.assert(
      fc.property(first17, fc.nat(16), fc.integer({ min: 1, max: 30 }), (body, position, shift) => {
        const code = body + usccCheckChar(body);
        const replaced = ALPHABET.charAt((ALPHABET.indexOf(code.charAt(position)) + shift) % 31);
        const changed = code.slice(0, position) + replaced + code.slice(position + 1);
        fc.pre(/^..\d{6}/.test(changed));
        return !isValidUscc(changed);
      }),
    );
  });

  it("rejects wrong lengths, excluded letters and a non-numeric region part", () => {
    expect(isValidUscc("91350100M000100Y4")).toBe(false);
    expect(isValidUscc("91350100M000100Y433")).toBe(false);
    expect(isValidUscc("9135010OM000100Y43")).toBe(false);
    expect(isValidUscc("913501A0M000100Y43")).toBe(false);
  });
});
