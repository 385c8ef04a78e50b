import { IdentifierError } from "./identifier-error.js";

/**
 * Unified social credit code, 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-symbol alphabet without
 * I O S V Z, the last one a check character. Weights are 3^(i-1) mod 31 and the check is 31 - (sum mod 31), with
 * 31 written as 0 (standard §5 and Appendix A).
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registration authority and category (alphabet), region code (six digits), organisation code and check. */
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters (upper or lower case). */
export function usccCheckChar(first17: string): string {
  const upper = first17.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(upper)) {
    throw new IdentifierError(first17, "expected 17 characters of 0-9 A-Y without I O S V Z");
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(upper.charAt(i)) * (WEIGHTS[i] ?? 0);
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** True for an 18-character code with the right shape and check character (case-insensitive). */
export function isValidUscc(code: string): boolean {
  const upper = code.trim().toUpperCase();
  return USCC_SHAPE.test(upper) && usccCheckChar(upper.slice(0, 17)) === upper.charAt(17);
}
