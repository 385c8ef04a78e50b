import { IdentifierError, parseIdentifier, type ParsedIdentifier, isRegionCode } from "../codes/index.js";
import { BadUserInputError } from "../errors/app-errors.js";

/** Parses an identifier from user input; a bad one becomes BAD_USER_INPUT naming the field and the value. */
export function parseInputIdentifier(value: string, field: string): ParsedIdentifier {
  try {
    return parseIdentifier(value);
  } catch (error) {
    if (error instanceof IdentifierError) {
      throw new BadUserInputError(`${field}: ${error.message}`, { field, value, rule: error.reason });
    }
    throw error;
  }
}

/** Validates a GB/T 2260 region code from user input. */
export function requireRegionCode(value: string, field: string): string {
  const code = value.trim();
  if (!isRegionCode(code)) {
    throw new BadUserInputError(`${field}: "${value}" is not a GB/T 2260 six-digit administrative division code`, {
      field,
      value,
      rule: "GB/T 2260",
    });
  }
  return code;
}

/**
 * Organisation ids: a PGLN (URN or Digital Link) or `uscc:` + USCC resolve to their canonical key; an http(s) URI is
 * an opaque id as registered (EPCIS parties are often named that way). Anything else is rejected.
 */
export function canonicalOrganizationId(value: string, field: string): string {
  const trimmed = value.trim();
  if (/^https?:\/\//i.test(trimmed) && !isGs1DigitalLink(trimmed)) return trimmed;
  const parsed = parseInputIdentifier(trimmed, field);
  if (parsed.kind === "PARTY" || parsed.kind === "ORGANIZATION") return parsed.key;
  throw new BadUserInputError(`${field}: "${value}" names a ${parsed.kind.toLowerCase()}, not an organisation`, {
    field,
    value,
    rule: "organisation id",
  });
}

/** Location ids: an SGLN resolves to its key; an http(s) URI or other registered id is kept as given. */
export function canonicalLocationId(value: string, field: string): string {
  const trimmed = value.trim();
  if (!/^urn:epc:/i.test(trimmed) && !isGs1DigitalLink(trimmed)) return trimmed;
  const parsed = parseInputIdentifier(trimmed, field);
  if (parsed.kind === "LOCATION") return parsed.key;
  throw new BadUserInputError(`${field}: "${value}" names a ${parsed.kind.toLowerCase()}, not a location`, {
    field,
    value,
    rule: "location id",
  });
}

function isGs1DigitalLink(uri: string): boolean {
  return /^https?:\/\/[^/]+(\/.*)?\/(00|01|253|255|401|402|414|417|8003|8004|8006|8010|8017|8018)\/[^/]+/.test(uri);
}
