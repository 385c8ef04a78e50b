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
