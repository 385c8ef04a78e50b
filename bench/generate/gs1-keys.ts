import { gs1CheckDigit } from "../../src/codes/index.js";

/**
 * Canonical keys of the benchmark's objects and parties (API-CONTRACT §1), all under the GS1 company prefix 9528000
 * (7 digits, so EPC URNs partition it) that nothing else in this project uses, with real check digits: the server parses every key it is asked about.
 */
export const BENCH_COMPANY_PREFIX = "9528000";
const ORIGIN = "https://id.gs1.org";

function pad(value: number, width: number): string {
  const text = String(value);
  if (text.length > width) throw new RangeError(`${value} does not fit in ${width} digits`);
  return text.padStart(width, "0");
}

/** GTIN-14 of product line `ref` (indicator digit 0). */
export function gtin14(ref: number): string {
  const body = `0${BENCH_COMPANY_PREFIX}${pad(ref, 5)}`;
  return body + gs1CheckDigit(body);
}

export function itemKey(gtin: string, serial: string): string {
  return `${ORIGIN}/01/${gtin}/21/${serial}`;
}

export function lotKey(gtin: string, lot: string): string {
  return `${ORIGIN}/01/${gtin}/10/${lot}`;
}

/** SSCC-18: extension digit, company prefix, 9-digit serial reference, check digit. */
export function ssccKey(extension: number, serialRef: number): string {
  const body = `${extension}${BENCH_COMPANY_PREFIX}${pad(serialRef, 9)}`;
  return `${ORIGIN}/00/${body}${gs1CheckDigit(body)}`;
}

/** PGLN of party `ref`. */
export function partyKey(ref: number): string {
  const body = `${BENCH_COMPANY_PREFIX}${pad(ref, 5)}`;
  return `${ORIGIN}/417/${body}${gs1CheckDigit(body)}`;
}

/** SGLN of location `ref` (extension 0, so no /254 part). */
export function locationKey(ref: number): string {
  const body = `${BENCH_COMPANY_PREFIX}${pad(ref, 5)}`;
  return `${ORIGIN}/414/${body}${gs1CheckDigit(body)}`;
}

/** EPC URN spellings, as an EPCIS document names things (the server turns them into the keys above). */
export function sgtinUrn(gtin: string, serial: string): string {
  return `urn:epc:id:sgtin:${BENCH_COMPANY_PREFIX}.${gtin.slice(0, 1)}${gtin.slice(8, 13)}.${serial}`;
}

export function lgtinUrn(gtin: string, lot: string): string {
  return `urn:epc:class:lgtin:${BENCH_COMPANY_PREFIX}.${gtin.slice(0, 1)}${gtin.slice(8, 13)}.${lot}`;
}

/**
 * A deterministic `urn:uuid` event id: the namespace's hash and a counter fill the UUID's fields (version 4 and
 * variant bits set), so ids are stable across runs of the same namespace and distinct across namespaces.
 */
export function eventUuid(namespaceHash: number, counter: number): string {
  const ns = namespaceHash.toString(16).padStart(8, "0");
  const low = counter.toString(16).padStart(12, "0");
  return `urn:uuid:${ns}-b3c4-4d5e-8f60-${low}`;
}
