import { isHttpUri, parseDigitalLink } from "./gs1-digital-link.js";
import { type Gs1Key, gs1KeyUrl } from "./gs1-key.js";
import { type Gs1Scheme } from "./gs1-key-patterns.js";
import { isEpcUrn, parseEpcUrn } from "./gs1-urn.js";
import { IdentifierError } from "./identifier-error.js";
import { type TraceCodeType } from "./trace-code-format.js";
import { type ParsedTraceCode, looksLikeTraceCode, parseTraceCode } from "./trace-code-parse.js";
import { traceCodeInUrl } from "./trace-code-url.js";
import { isValidUscc } from "./uscc.js";

export { lotKey, productKey } from "./gtin-keys.js";

export type IdentifierKind = "PRODUCT" | "LOT" | "ITEM" | "CONTAINER" | "CODE" | "LOCATION" | "PARTY" | "ORGANIZATION";

export interface ParsedIdentifier {
  /** Canonical key (API-CONTRACT §1): the same for every accepted spelling of one object. */
  key: string;
  kind: IdentifierKind;
  /** GS1 scheme ("gtin" for a product class, "sgtin", "lgtin", "sscc", …), "trace-code" or "uscc". */
  scheme: string;
  gtin?: string;
  serial?: string;
  lot?: string;
  traceCodeType?: TraceCodeType;
}

const KIND_OF_GS1_SCHEME: Readonly<Record<Gs1Scheme, IdentifierKind>> = {
  gtin: "PRODUCT",
  lgtin: "LOT",
  sgtin: "ITEM",
  upui: "ITEM",
  itip: "ITEM",
  grai: "ITEM",
  giai: "ITEM",
  gsrn: "ITEM",
  gsrnp: "ITEM",
  gdti: "ITEM",
  cpi: "ITEM",
  sgcn: "ITEM",
  sscc: "CONTAINER",
  // A consignment (GINC) and a shipment (GSIN) group logistic units, so they take part in containment.
  ginc: "CONTAINER",
  gsin: "CONTAINER",
  sgln: "LOCATION",
  pgln: "PARTY",
  // Classes of objects, as a GTIN is: quantity-level like products in the flow graph.
  "grai-class": "PRODUCT",
  "gdti-class": "PRODUCT",
  "sgcn-class": "PRODUCT",
  "cpi-class": "PRODUCT",
  "itip-class": "PRODUCT",
};

/** What each type of our trace code names in the flow graph. */
export const KIND_OF_TRACE_CODE_TYPE: Readonly<Record<TraceCodeType, "PRODUCT" | "LOT" | "ITEM" | "CONTAINER">> = {
  PRODUCT: "PRODUCT",
  BATCH: "LOT",
  ITEM: "ITEM",
  SEGMENT: "ITEM",
  BUNDLE: "CONTAINER",
  MOTHER: "CONTAINER",
};

/**
 * THE entry point for every identifier a user or a document gives us. Spellings are told apart by their unmistakable
 * start (`urn:epc:`, `uscc:`, `http(s)://`) before the bare trace code, whose alphabet excludes `:` and `/`.
 * Throws IdentifierError for a malformed value, a wrong check digit or character, or an unknown scheme.
 */
export function parseIdentifier(input: string): ParsedIdentifier {
  const known = PARSED.get(input);
  if (known !== undefined) return known;
  const parsed = Object.freeze(parseUncached(input));
  // A bulk capture names each object several times (commissioning, packing, shipping): parse each spelling once.
  // Bounded: the memo is dropped whole when full, which costs one re-parse per spelling and no bookkeeping.
  if (PARSED.size >= MEMO_LIMIT) PARSED.clear();
  PARSED.set(input, parsed);
  return parsed;
}

const MEMO_LIMIT = 100_000;
const PARSED = new Map<string, ParsedIdentifier>();

function parseUncached(input: string): ParsedIdentifier {
  const text = input.trim();
  if (isEpcUrn(text)) return fromGs1Key(parseEpcUrn(text));
  if (/^uscc:/i.test(text)) return fromUscc(text);
  if (isHttpUri(text)) {
    const code = traceCodeInUrl(text);
    return code === undefined
      ? fromGs1Key(parseDigitalLink(text))
      : fromTraceCode(renamed(text, () => parseTraceCode(code)));
  }
  if (looksLikeTraceCode(text)) return fromTraceCode(parseTraceCode(text));
  throw new IdentifierError(text, "unknown scheme (expected an EPC URN, a GS1 Digital Link, a trace code or uscc:…)");
}

/** The canonical key of any accepted spelling; idempotent, since a key is itself an accepted spelling. */
export function canonicalKey(input: string): string {
  return parseIdentifier(input).key;
}

/** The GTIN-14 an identifier names (product, lot, item, UPUI), or undefined for anything else or invalid input. */
export function gtinOfKey(key: string): string | undefined {
  try {
    return parseIdentifier(key).gtin;
  } catch (error) {
    if (error instanceof IdentifierError) return undefined;
    throw error;
  }
}

function fromGs1Key(gs1: Gs1Key): ParsedIdentifier {
  const value = (ai: string): string | undefined => gs1.elements.find((element) => element.ai === ai)?.value;
  const parsed: ParsedIdentifier = { key: gs1KeyUrl(gs1), kind: KIND_OF_GS1_SCHEME[gs1.scheme], scheme: gs1.scheme };
  const gtin = value("01");
  const serial = value("21");
  if (gtin !== undefined) parsed.gtin = gtin;
  if (serial !== undefined) parsed.serial = serial;
  if (gs1.lot !== undefined) parsed.lot = gs1.lot;
  return parsed;
}

function fromTraceCode(code: ParsedTraceCode): ParsedIdentifier {
  return { key: code.value, kind: KIND_OF_TRACE_CODE_TYPE[code.type], scheme: "trace-code", traceCodeType: code.type };
}

/** Organisations without a GLN: `uscc:` + unified social credit code, upper-cased. */
function fromUscc(text: string): ParsedIdentifier {
  const code = text.slice("uscc:".length).toUpperCase();
  if (!isValidUscc(code)) throw new IdentifierError(text, "not a valid unified social credit code (GB 32100-2015)");
  return { key: `uscc:${code}`, kind: "ORGANIZATION", scheme: "uscc" };
}

/** Runs `parse` but names the whole input (the QR URL) in the error, not just the code inside it. */
function renamed<T>(input: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof IdentifierError) throw new IdentifierError(input, error.reason);
    throw error;
  }
}
