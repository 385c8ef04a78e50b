import { type Gs1Element, type Gs1Key, gs1KeyFromElements } from "./gs1-key.js";
import { gs1SchemeOfAis, isPrimaryKeyAi } from "./gs1-key-patterns.js";
import { IdentifierError } from "./identifier-error.js";
import { percentDecode } from "./percent-encoding.js";

/**
 * GS1 Digital Link URIs (`scheme://host[/prefix]/<AI>/<value>[/<AI>/<value>]…`, GS1 Digital Link standard §4).
 * The host and any path prefix belong to whoever runs the resolver and are ignored; so are the query string (data
 * attributes such as expiry date) and the fragment, which do not change which object is named.
 */
const HTTP_URI = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?(?:\?[^#\s]*)?(?:#\S*)?$/i;

/** True when `input` is an http(s) URI, the only shape a Digital Link can have. */
export function isHttpUri(input: string): boolean {
  return /^https?:\/\//i.test(input.trim());
}

/** Parses a GS1 Digital Link URI into a validated GS1 key; throws IdentifierError naming `input`. */
export function parseDigitalLink(input: string): Gs1Key {
  const match = HTTP_URI.exec(input.trim());
  if (match === null) throw new IdentifierError(input, "malformed URI");
  const segments = pathSegments(match[1] ?? "");
  const start = keyStart(segments);
  if (start === undefined) throw new IdentifierError(input, "no GS1 key (e.g. /01/{gtin}) at the end of the URI path");
  return gs1KeyFromElements(input, elementsFrom(input, segments.slice(start)));
}

function pathSegments(path: string): string[] {
  const segments = path.split("/").slice(1);
  // A trailing slash is a common copy-paste artefact, not an empty AI value.
  if (segments.at(-1) === "") segments.pop();
  return segments;
}

/**
 * Index of the primary key AI: the first position from which the rest of the path is exactly one known
 * key/qualifier sequence. Searching for a full match, not the first "01", lets a prefix contain such segments.
 */
function keyStart(segments: readonly string[]): number | undefined {
  for (let start = 0; start < segments.length; start++) {
    const rest = segments.slice(start);
    if (rest.length % 2 !== 0 || !isPrimaryKeyAi(rest[0] ?? "")) continue;
    if (gs1SchemeOfAis(rest.filter((_segment, index) => index % 2 === 0)) !== undefined) return start;
  }
  return undefined;
}

function elementsFrom(input: string, segments: readonly string[]): Gs1Element[] {
  const elements: Gs1Element[] = [];
  for (let index = 0; index + 1 < segments.length; index += 2) {
    const ai = segments[index] ?? "";
    const value = percentDecode(segments[index + 1] ?? "");
    if (value === undefined) throw new IdentifierError(input, `(${ai}) has a malformed percent-escape`);
    elements.push({ ai, value: ai === "01" ? padGtin(value) : value });
  }
  return elements;
}

/** Digital Link accepts GTIN-8, -12 and -13; left zeros make them GTIN-14 without changing the check digit. */
function padGtin(value: string): string {
  return /^(\d{8}|\d{12}|\d{13})$/.test(value) ? value.padStart(14, "0") : value;
}
