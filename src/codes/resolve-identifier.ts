import { IdentifierError } from "./identifier-error.js";
import { type IdentifierKind, parseIdentifier } from "./parse-identifier.js";

/**
 * How identifiers from partners are read (EPCIS events, organisation and location ids). `parseIdentifier` knows
 * every GS1 key, our trace codes and USCCs; EPCIS also lets senders use identifiers of their own (EPCIS 2.0 §6: "any URI"), e.g. `https://example.com/party/7` for a
 * party or `geo:42.69,23.31` for a read point. The rule:
 *   - anything `src/codes` accepts gets its canonical key;
 *   - a value that claims to be one of ours and fails is an error: any `urn:epc:` URN, a `uscc:` id, an http(s) URI whose path ends
 *     in a GS1 key (`…/01/{gtin}/21/{serial}`) or in a trace code (`…/t/{code}`);
 *   - any other absolute URI is an opaque key, kept as sent (trimmed), with no kind of its own.
 */
export interface ResolvedIdentifier {
  key: string;
  /** undefined for an opaque URI: only its position in the event says what it is. */
  kind?: IdentifierKind;
  gtin?: string;
}

/** Primary GS1 key AIs and their qualifiers as Digital Link path segments (GS1 Digital Link 1.2 §4). */
const DIGITAL_LINK_PATH =
  /\/(?:00|01|253|255|401|402|414|417|8003|8004|8006|8010|8017|8018)\/[^/]+(?:\/(?:10|21|22|235|254|8011)\/[^/]+)*\/?$/;
const TRACE_CODE_PATH = /\/t\/[^/]+\/?$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/** Resolves one identifier; throws IdentifierError (naming the value) for a value that claims a scheme and fails. */
export function resolveIdentifier(input: string): ResolvedIdentifier {
  try {
    const parsed = parseIdentifier(input);
    return parsed.gtin === undefined
      ? { key: parsed.key, kind: parsed.kind }
      : { key: parsed.key, kind: parsed.kind, gtin: parsed.gtin };
  } catch (error) {
    if (!(error instanceof IdentifierError) || claimsKnownScheme(input)) throw error;
    const opaque = input.trim();
    if (!ABSOLUTE_URI.test(opaque)) throw error;
    return { key: opaque };
  }
}

/** The canonical key, or the trimmed input when it is not a valid identifier (for hashing, which must not throw). */
export function canonicalOrSelf(input: string): string {
  try {
    return resolveIdentifier(input).key;
  } catch (error) {
    if (error instanceof IdentifierError) return input.trim();
    throw error;
  }
}

function claimsKnownScheme(input: string): boolean {
  const text = input.trim();
  if (/^(urn:epc|uscc):/i.test(text)) return true;
  if (!/^https?:\/\//i.test(text)) return false;
  const path = pathOf(text);
  return DIGITAL_LINK_PATH.test(path) || TRACE_CODE_PATH.test(path);
}

function pathOf(httpUri: string): string {
  const afterScheme = httpUri.replace(/^https?:\/\/[^/?#]*/i, "");
  return afterScheme.replace(/[?#].*$/, "");
}
