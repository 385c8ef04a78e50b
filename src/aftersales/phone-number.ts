import { BadUserInputError } from "../errors/app-errors.js";
import { keyedHash } from "../consumer/keyed-hash.js";

/** A phone number as it may be kept: its keyed hash and its last four digits, never the number itself. */
export interface ProtectedPhone {
  hash: string;
  last4: string;
}

/** A mainland China mobile number: 11 digits starting 13-19. */
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The number's keyed hash (HMAC-SHA256 with PRIVACY_SECRET, so 10^10 possible numbers cannot be tried without the
 * secret) and its last four digits. Separators and a +86 / 0086 prefix are ignored. A bad number is BAD_USER_INPUT
 * that never repeats the input: an error message or a log line must not carry a phone number either.
 */
export function protectPhone(secret: string, raw: string, field: string): ProtectedPhone {
  const digits = raw.replace(/[\s\-()]/g, "").replace(/^(\+86|0086|86)(?=1\d{10}$)/, "");
  if (!MOBILE.test(digits)) {
    throw new BadUserInputError(`${field} must be an 11-digit mobile number`, { field, rule: "mobile number" });
  }
  return { hash: keyedHash(secret, "phone", digits), last4: digits.slice(-4) };
}
