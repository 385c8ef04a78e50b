/**
 * Percent-encoding shared by EPC URNs and GS1 Digital Link URIs. Both spellings of one object must reach the same
 * decoded value, and the canonical Digital Link must be spelled one way only, so decoding is lenient and encoding
 * strict.
 */

/** Decodes every `%XX`; undefined when a `%` does not start a two-hex-digit escape. */
export function percentDecode(text: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  // Byte-wise on purpose: every GS1 character is ASCII, and a decoded byte above 0x7F then fails the character
  // set check with a clear reason instead of a URIError.
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Encodes everything except RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`), with upper-case hex. This is
 * what the GS1 Digital Link standard and GS1's own syntax engine do for AI values in a path; `encodeURIComponent`
 * alone would leave `! ' ( ) *` bare.
 */
export function percentEncodeDl(value: string): string {
  // Most serials and lots need no escaping at all: skip the encoder for them (it is hot in bulk capture).
  if (/^[A-Za-z0-9\-._~]*$/.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
