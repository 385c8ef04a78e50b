import { IdentifierError, parseIdentifier, type ParsedIdentifier } from "../codes/index.js";

/** Kinds a consumer can hold in their hand; locations, parties and organisations have no consumer page. */
const PAGE_KINDS = new Set(["PRODUCT", "LOT", "ITEM", "CONTAINER"]);

/** The code in `/t/{code}`: our trace code in any accepted spelling, nothing else (GS1 keys use their own paths). */
export function parseTracePathCode(code: string): ParsedIdentifier {
  const parsed = parseIdentifier(code);
  if (parsed.scheme !== "trace-code") {
    throw new IdentifierError(code, "not a trace code (GS1 keys resolve at their Digital Link path, e.g. /01/…/21/…)");
  }
  return parsed;
}

/**
 * A GS1 Digital Link path on our host (`/01/{gtin}/21/{serial}`, …): parsed as a Digital Link on any host, so it
 * resolves to the same canonical key as the URN or the id.gs1.org link of the same object.
 */
export function parseDigitalLinkPath(path: string): ParsedIdentifier {
  return requirePageKind(parseIdentifier(`https://resolver.invalid${path}`), path);
}

/** Any identifier a QR symbol may be drawn for: an object with a consumer page. */
export function parsePrintableCode(code: string): ParsedIdentifier {
  return requirePageKind(parseIdentifier(code), code);
}

function requirePageKind(parsed: ParsedIdentifier, input: string): ParsedIdentifier {
  if (!PAGE_KINDS.has(parsed.kind)) {
    throw new IdentifierError(input, `names a ${parsed.kind.toLowerCase()}, which has no trace page`);
  }
  return parsed;
}
