import { IdentifierError } from "./identifier-error.js";

/**
 * Administrative division codes of GB/T 2260: two digits province, two prefecture, two county. Only the 34
 * province-level codes are listed; the full table changes every year and belongs in data, not in code.
 */
const PROVINCES = new Set(
  "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split(" "),
);

export type RegionLevel = "province" | "prefecture" | "county";

/** Six digits, a GB/T 2260 province, and no county part under a province-level code (`4400xx` only as `440000`). */
export function isRegionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code) || !PROVINCES.has(code.slice(0, 2))) return false;
  return code.slice(2, 4) !== "00" || code.slice(4) === "00";
}

/** The level a code names: `440000` province, `440300` prefecture, `440305` county. */
export function regionLevel(code: string): RegionLevel {
  if (!isRegionCode(code)) throw new IdentifierError(code, "not a GB/T 2260 region code");
  if (code.endsWith("0000")) return "province";
  return code.endsWith("00") ? "prefecture" : "county";
}

/** Digits that stay fixed below a code of each level: the rest of the code may vary. */
const FIXED_DIGITS: Readonly<Record<RegionLevel, number>> = { province: 2, prefecture: 4, county: 6 };

/**
 * True when `code` lies in the `authorised` region: itself or anywhere below it. Malformed codes cover and are
 * covered by nothing, so a bad code can never widen an authorisation.
 */
export function regionCovers(authorised: string, code: string): boolean {
  if (!isRegionCode(authorised) || !isRegionCode(code)) return false;
  const fixed = FIXED_DIGITS[regionLevel(authorised)];
  return code.slice(0, fixed) === authorised.slice(0, fixed);
}
