import { normalizeCrockford } from "./crockford-base32.js";

/**
 * Layout of a trace code (see README.md): 16 Crockford base-32 symbols printed as four groups of four,
 *
 *     IIII-TRRR-RRRR-RRRC    issuer (4), type (1), random (10 = 50 bits), check (1)
 *
 * The printed form, upper case with hyphens, is also the canonical key.
 */
/** PRODUCT 一品一码, BATCH 一批一码, ITEM 一物一码, BUNDLE 组合码, MOTHER 母码, SEGMENT 子码 (a segment). */
export const TraceCodeType = {
  PRODUCT: "PRODUCT",
  BATCH: "BATCH",
  ITEM: "ITEM",
  BUNDLE: "BUNDLE",
  MOTHER: "MOTHER",
  SEGMENT: "SEGMENT",
} as const;
export type TraceCodeType = (typeof TraceCodeType)[keyof typeof TraceCodeType];

export const ISSUER_LENGTH = 4;
export const RANDOM_LENGTH = 10;
/** Issuer, type and random part: everything the check character covers. */
export const BODY_LENGTH = ISSUER_LENGTH + 1 + RANDOM_LENGTH;
export const CODE_LENGTH = BODY_LENGTH + 1;
export const TYPE_POSITION = ISSUER_LENGTH;

/** Mnemonic letters: English where it is free (Product, Batch, Mother, Segment), pinyin for 物 and 组合. */
export const TYPE_LETTERS: Readonly<Record<TraceCodeType, string>> = {
  PRODUCT: "P",
  BATCH: "B",
  ITEM: "W",
  BUNDLE: "Z",
  MOTHER: "M",
  SEGMENT: "S",
};

const TYPE_OF_LETTER = new Map(Object.entries(TYPE_LETTERS).map(([type, letter]) => [letter, type as TraceCodeType]));

/** The code type a type letter stands for. */
export function traceCodeTypeOfLetter(letter: string): TraceCodeType | undefined {
  return TYPE_OF_LETTER.get(letter);
}

/** The 16 canonical symbols of `input`, or undefined when it is not made of exactly 16 base-32 symbols. */
export function compactTraceCode(input: string): string | undefined {
  const compact = normalizeCrockford(input.trim());
  return compact?.length === CODE_LENGTH ? compact : undefined;
}

/** Printed (and canonical) form of 16 canonical symbols: groups of four joined by hyphens. */
export function formatTraceCode(compact: string): string {
  return compact.replace(/(.{4})(?=.)/g, "$1-");
}
