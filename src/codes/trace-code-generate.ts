import { randomBytes } from "node:crypto";
import { CROCKFORD_ALPHABET, crockfordValue, normalizeCrockford } from "./crockford-base32.js";
import { IdentifierError } from "./identifier-error.js";
import { checkContributionTable } from "./trace-code-check.js";
import {
  BODY_LENGTH,
  CODE_LENGTH,
  ISSUER_LENGTH,
  RANDOM_LENGTH,
  TYPE_LETTERS,
  type TraceCodeType,
  formatTraceCode,
} from "./trace-code-format.js";

/** Source of random bytes; tests inject a deterministic one. Must return at least `bytes` bytes. */
export type RandomSource = (bytes: number) => Uint8Array;

const CHECK_TABLE = checkContributionTable(BODY_LENGTH);
const HEAD_LENGTH = ISSUER_LENGTH + 1;
/** Codes per randomBytes call: one call per batch, but bounded memory however many codes are asked for. */
const CODES_PER_DRAW = 65_536;

/** One new code in canonical form. */
export function generateTraceCode(type: TraceCodeType, issuer: string, random: RandomSource = randomBytes): string {
  return generateTraceCodes(type, issuer, 1, random)[0] ?? "";
}

/**
 * `count` new codes in canonical form. Each random symbol takes the low 5 bits of one byte (256 is a multiple of 32,
 * so symbols stay uniform); issuer and type contribute a fixed share of the check, computed once.
 */
export function generateTraceCodes(
  type: TraceCodeType,
  issuer: string,
  count: number,
  random: RandomSource = randomBytes,
): string[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`cannot generate ${count} codes`);
  const writer = new CodeWriter(normalizeIssuer(issuer) + TYPE_LETTERS[type]);
  const codes = new Array<string>(count);
  for (let done = 0; done < count; done += CODES_PER_DRAW) {
    const batch = Math.min(CODES_PER_DRAW, count - done);
    const bytes = draw(random, batch * RANDOM_LENGTH);
    for (let index = 0; index < batch; index++) codes[done + index] = writer.write(bytes, index * RANDOM_LENGTH);
  }
  return codes;
}

function normalizeIssuer(issuer: string): string {
  const normalized = normalizeCrockford(issuer);
  if (normalized?.length !== ISSUER_LENGTH) {
    throw new IdentifierError(issuer, `an issuer prefix is ${ISSUER_LENGTH} symbols of 0-9 A-Z without I L O U`);
  }
  return normalized;
}

function draw(random: RandomSource, length: number): Uint8Array {
  const bytes = random(length);
  if (bytes.length < length) throw new RangeError(`random source returned ${bytes.length} of ${length} bytes`);
  return bytes;
}

const SYMBOL_BYTES = Buffer.from(CROCKFORD_ALPHABET, "latin1");
/** Index in the printed form of symbol `index` of the compact form: one hyphen before every group after the first. */
const printedIndex = (index: number): number => index + Math.floor(index / 4);

/**
 * Writes codes of one issuer and type into a reusable printed-form template. This is the hot path: filling bytes
 * and decoding them once per code runs several times faster than appending characters to a string.
 */
class CodeWriter {
  private readonly template: Buffer;
  private readonly headCheck: number;

  constructor(head: string) {
    this.template = Buffer.from(formatTraceCode(head + "0".repeat(CODE_LENGTH - head.length)), "latin1");
    let check = 0;
    for (let index = 0; index < head.length; index++) {
      check ^= CHECK_TABLE[index * 32 + crockfordValue(head.charAt(index))] ?? 0;
    }
    this.headCheck = check;
  }

  write(bytes: Uint8Array, offset: number): string {
    let check = this.headCheck;
    for (let index = 0; index < RANDOM_LENGTH; index++) {
      const value = (bytes[offset + index] ?? 0) & 31;
      check ^= CHECK_TABLE[(HEAD_LENGTH + index) * 32 + value] ?? 0;
      this.template[printedIndex(HEAD_LENGTH + index)] = SYMBOL_BYTES[value] ?? 0;
    }
    this.template[printedIndex(BODY_LENGTH)] = SYMBOL_BYTES[check] ?? 0;
    return this.template.toString("latin1");
  }
}
