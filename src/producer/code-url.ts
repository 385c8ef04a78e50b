import { GS1_CANONICAL_ORIGIN, traceCodeUrl } from "../codes/index.js";

/**
 * What a code's QR symbol encodes: our trace code as `{base}/t/{code}`; a GS1 key (the product or lot of a product
 * with a GTIN) as a GS1 Digital Link on our own host, which parseIdentifier resolves to the same key.
 */
export function codeUrl(baseUrl: string, value: string): string {
  if (value.startsWith(`${GS1_CANONICAL_ORIGIN}/`)) {
    return baseUrl.replace(/\/+$/, "") + value.slice(GS1_CANONICAL_ORIGIN.length);
  }
  return traceCodeUrl(baseUrl, value);
}
