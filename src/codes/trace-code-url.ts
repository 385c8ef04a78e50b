import { percentDecode } from "./percent-encoding.js";
import { canonicalTraceCode, looksLikeTraceCode } from "./trace-code-parse.js";

/** The QR URL of a code: `${base}/t/{code}`; any host serves, the path `/t/` is what marks our code. */
export function traceCodeUrl(baseUrl: string, value: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/t/${canonicalTraceCode(value)}`;
}

const TRACE_URL = /^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?\/t\/([^/?#\s]+)\/?(?:[?#]\S*)?$/i;

/** The code inside a QR URL `…/t/{code}` (any host, any path before `/t/`), or undefined for any other input. */
export function traceCodeInUrl(input: string): string | undefined {
  const segment = TRACE_URL.exec(input.trim())?.[1];
  const code = segment === undefined ? undefined : percentDecode(segment);
  return code !== undefined && looksLikeTraceCode(code) ? code : undefined;
}

const CANONICAL_TRACE_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/**
 * The EPC of an object in an EPCIS event, from its canonical key: our trace code's EPC is its canonical URL
 * (`{base}/t/{code}`, what its QR code says, which any EPCIS partner can dereference and `parseIdentifier` reads back
 * to the same key); every other key (a GS1 Digital Link, an opaque URI) is its own EPC.
 */
export function epcOfKey(baseUrl: string, key: string): string {
  // A key is canonical already: spelled as it is, never re-checked (serving an event must not fail on it).
  return CANONICAL_TRACE_CODE.test(key) ? `${baseUrl.replace(/\/+$/, "")}/t/${key}` : key;
}
