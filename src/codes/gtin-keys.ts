import { type Gs1Element, gs1KeyFromElements, gs1KeyUrl } from "./gs1-key.js";

/**
 * Keys built from parts rather than parsed, e.g. EPCIS "lot = GTIN of the EPC + ILMD lotNumber". They go through the
 * same validation as parsed identifiers, so a built key always equals the key of its URN or Digital Link.
 */
function gtinElement(gtin: string): Gs1Element {
  // GTIN-8/12/13 are GTIN-14 with leading zeros, as in Digital Link.
  return { ai: "01", value: /^(\d{8}|\d{12}|\d{13})$/.test(gtin) ? gtin.padStart(14, "0") : gtin };
}

/** `https://id.gs1.org/01/{gtin14}`; throws IdentifierError for a malformed GTIN or wrong check digit. */
export function productKey(gtin14: string): string {
  return gs1KeyUrl(gs1KeyFromElements(gtin14, [gtinElement(gtin14.trim())]));
}

/** `https://id.gs1.org/01/{gtin14}/10/{lot}` for a lot as written (not percent-encoded), e.g. an ILMD lotNumber. */
export function lotKey(gtin14: string, lot: string): string {
  const elements = [gtinElement(gtin14.trim()), { ai: "10", value: lot }];
  return gs1KeyUrl(gs1KeyFromElements(`${gtin14} lot ${lot}`, elements));
}
