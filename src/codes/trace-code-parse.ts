import { IdentifierError } from "./identifier-error.js";
import { hasValidTraceCheck } from "./trace-code-check.js";
import {
  CODE_LENGTH,
  ISSUER_LENGTH,
  TYPE_POSITION,
  type TraceCodeType,
  compactTraceCode,
  formatTraceCode,
  traceCodeTypeOfLetter,
} from "./trace-code-format.js";

export interface ParsedTraceCode {
  /** Canonical printed form, e.g. `BRJD-W5RT-P0KW-YQTF`. */
  readonly value: string;
  readonly type: TraceCodeType;
  readonly issuer: string;
}

/**
 * True when `input` has the shape of a trace code (16 base-32 symbols once separators are dropped), whether or not
 * its check character is right; that is `parseTraceCode`'s job, so a mistyped code gets a precise error. URNs, URLs
 * and `uscc:` ids never match because `:` is not a symbol.
 */
export function looksLikeTraceCode(input: string): boolean {
  return compactTraceCode(input) !== undefined;
}

/** Parses any accepted spelling (case, separators, I/L/O aliases); throws IdentifierError naming `input`. */
export function parseTraceCode(input: string): ParsedTraceCode {
  const compact = compactTraceCode(input);
  if (compact === undefined) {
    throw new IdentifierError(input, `a trace code has ${CODE_LENGTH} symbols of 0-9 A-Z without I L O U`);
  }
  // The check comes first: a mistyped type letter should read as a typo, not as an unknown type.
  if (!hasValidTraceCheck(compact)) throw new IdentifierError(input, "wrong check character (a symbol is mistyped)");
  const letter = compact.charAt(TYPE_POSITION);
  const type = traceCodeTypeOfLetter(letter);
  if (type === undefined) throw new IdentifierError(input, `unknown trace code type "${letter}"`);
  return { value: formatTraceCode(compact), type, issuer: compact.slice(0, ISSUER_LENGTH) };
}

/** The canonical printed form of a trace code; throws IdentifierError like `parseTraceCode`. */
export function canonicalTraceCode(input: string): string {
  return parseTraceCode(input).value;
}
