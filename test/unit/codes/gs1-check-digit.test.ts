import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gs1CheckDigit, hasValidGs1CheckDigit } from "../../../src/codes/gs1-check-digit.js";

/** Independent reference: GS1 General Specifications §7.9.1, weights 3,1,3,… from the right. */
function referenceCheckDigit(digits: string): string {
  const sum = [...digits]
    .reverse()
    .reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
}

describe("gs1CheckDigit", () => {
  it.each([
    ["1061414107346", "4"], // GTIN of urn:epc:id:sgtin:0614141.107346.*
    ["0950600013435", "2"], // GS1 Digital Link standard example GTIN 09506000134352
    ["10614141234567890", "8"], // SSCC 106141412345678908
    ["061414107346", "7"], // GLN 0614141073467
    ["629104150021", "3"], // GTIN-13 6291041500213 from the GS1 General Specifications
    ["9638507", "4"], // GTIN-8 96385074
  ])("computes %s → %s", (digits, check) => {
    expect(gs1CheckDigit(digits)).toBe(check);
  });

  it("agrees with the reference implementation for any digit string", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,17}$/), (digits) => gs1CheckDigit(digits) === referenceCheckDigit(digits)),
    );
  });

  it("is unchanged by leading zeros, so GTIN-8/12/13 pad to GTIN-14", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7,13}$/), (digits) => gs1CheckDigit(digits) === gs1CheckDigit(`00${digits}`)),
    );
  });

  it("rejects non-digits", () => {
    expect(() => gs1CheckDigit("12a4")).toThrow(RangeError);
  });
});

describe("hasValidGs1CheckDigit", () => {
  it("accepts a key with its check digit and rejects every other last digit", () => {
    expect(hasValidGs1CheckDigit("10614141073464")).toBe(true);
    for (const wrong of "012356789") expect(hasValidGs1CheckDigit(`1061414107346${wrong}`)).toBe(false);
  });

  it("detects every single-digit error anywhere in the key", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{13}$/),
        fc.nat(13),
        fc.integer({ min: 1, max: 9 }),
        (body, position, delta) => {
          const key = body + gs1CheckDigit(body);
          const changed = String((Number(key[position]) + delta) % 10);
          return !hasValidGs1CheckDigit(key.slice(0, position) + changed + key.slice(position + 1));
        },
      ),
    );
  });

  it("rejects empty, one-digit and non-numeric input", () => {
    expect(hasValidGs1CheckDigit("")).toBe(false);
    expect(hasValidGs1CheckDigit("0")).toBe(false);
    expect(hasValidGs1CheckDigit("1061414107346X")).toBe(false);
  });
});
