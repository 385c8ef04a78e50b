import { gs1CheckDigit } from "./gs1-check-digit.js";
import { isCset39, isCset82 } from "./gs1-charset.js";

/** Why an AI value is invalid, or undefined when it is fine. */
type AiRule = (value: string) => string | undefined;

function checkDigitProblem(digits: string, name: string): string | undefined {
  const expected = gs1CheckDigit(digits.slice(0, -1));
  if (expected === digits.slice(-1)) return undefined;
  return `${name} ${digits} has a wrong check digit (expected ${expected})`;
}

/** A fixed-length numeric key ending in a GS1 check digit (GTIN, SSCC, GLN, GSRN, GSIN). */
function checkedNumber(length: number, name: string): AiRule {
  return (value) => {
    if (value.length !== length || !/^\d+$/.test(value)) return `${name} must be ${length} digits`;
    return checkDigitProblem(value, name);
  };
}

/** A variable-length value in character set 82 (serial, lot, TPX, GLN extension). */
function text(max: number, name: string): AiRule {
  return (value) => {
    if (value.length < 1 || value.length > max) return `${name} must have 1 to ${max} characters`;
    return isCset82(value) ? undefined : `${name} has characters outside GS1 character set 82`;
  };
}

/**
 * A check-digited number followed by a serial part (GRAI, GDTI, SGCN: optional, the number alone names the class;
 * ITIP: the piece and total, required).
 */
function numberThen(length: number, name: string, rest: AiRule, optional = false): AiRule {
  return (value) =>
    checkedNumber(length, name)(value.slice(0, length)) ??
    (optional && value.length === length ? undefined : rest(value.slice(length)));
}

/** Company prefix + free reference (GIAI, GINC, CPI): the only structure visible is the prefix of >= 6 digits. */
function companyReference(max: number, name: string, charset: (value: string) => boolean): AiRule {
  return (value) => {
    if (value.length > max || !/^\d{6}/.test(value)) {
      return `${name} must be a company prefix and reference, ${max} characters at most`;
    }
    return charset(value) ? undefined : `${name} has characters outside its GS1 character set`;
  };
}

/** 1 to `max` digits; `noLeadingZero` for values TDS stores as numbers. */
function digits(max: number, name: string, noLeadingZero = false): AiRule {
  const pattern = noLeadingZero ? /^(0|[1-9]\d*)$/ : /^\d+$/;
  const rule = noLeadingZero
    ? `${name} must be 1 to ${max} digits without leading zeros`
    : `${name} must be 1 to ${max} digits`;
  return (value) => (value.length <= max && pattern.test(value) ? undefined : rule);
}

/** ITIP piece and total (AI 8006 after the GTIN): two digits each, 01-99, piece not above total. */
const pieceOfTotal: AiRule = (value) => {
  const piece = Number(value.slice(0, 2));
  const total = Number(value.slice(2));
  const valid = /^\d{4}$/.test(value) && piece >= 1 && piece <= total;
  return valid ? undefined : "ITIP piece and total must be 01-99 with piece <= total";
};

/** GRAI (AI 8003) starts with a 0 before the 13-digit GRAI; without a serial it names an asset type. */
const grai: AiRule = (value) =>
  value.startsWith("0")
    ? numberThen(14, "GRAI", text(16, "GRAI serial"), true)(value)
    : "GRAI must start with the digit 0";

const AI_RULES: Readonly<Record<string, AiRule>> = {
  "00": checkedNumber(18, "SSCC"),
  "01": checkedNumber(14, "GTIN"),
  "10": text(20, "lot"),
  "21": text(20, "serial"),
  "235": text(28, "TPX"),
  "253": numberThen(13, "GDTI", text(17, "GDTI serial"), true),
  "254": text(20, "GLN extension"),
  "255": numberThen(13, "GCN", digits(12, "coupon serial"), true),
  "401": companyReference(30, "GINC", isCset82),
  "402": checkedNumber(17, "GSIN"),
  "414": checkedNumber(13, "GLN"),
  "417": checkedNumber(13, "party GLN"),
  "8003": grai,
  "8004": companyReference(30, "GIAI", isCset82),
  "8006": numberThen(14, "ITIP", pieceOfTotal),
  "8010": companyReference(30, "CPI", isCset39),
  // TDS encodes the CPI serial as a number, so "007" has no EPC spelling: reject it in every spelling.
  "8011": digits(12, "CPI serial", true),
  "8017": checkedNumber(18, "GSRNP"),
  "8018": checkedNumber(18, "GSRN"),
};

/** Why `value` is not valid for GS1 application identifier `ai`, or undefined when it is. */
export function aiValueProblem(ai: string, value: string): string | undefined {
  const rule = AI_RULES[ai];
  return rule === undefined ? `AI ${ai} is not part of any supported GS1 key` : rule(value);
}
