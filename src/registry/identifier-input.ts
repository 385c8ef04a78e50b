import {
  IdentifierError,
  isRegionCode,
  parseIdentifier,
  resolveIdentifier,
  type ParsedIdentifier,
  type ResolvedIdentifier,
} from "../codes/index.js";
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

/** Resolves a partner's identifier (an opaque URI allowed); a malformed one is BAD_USER_INPUT naming the field. */
export function resolveInput(value: string, field: string): ResolvedIdentifier {
  try {
    return resolveIdentifier(value);
  } catch (error) {
    if (error instanceof IdentifierError) {
      throw new BadUserInputError(`${field}: ${error.message}`, { field, value, rule: error.reason });
    }
    throw error;
  }
}

function wrongKind(value: string, field: string, kind: string, expected: string): BadUserInputError {
  return new BadUserInputError(`${field}: "${value}" names a ${kind.toLowerCase()}, not ${expected}`, {
    field,
    value,
    rule: expected.replace(/^an? /, "") + " id",
  });
}

/**
 * Organisation ids: a PGLN (URN or Digital Link) or `uscc:` + USCC resolve to their canonical key; any other absolute
 * URI is an opaque id as registered (EPCIS parties are often named that way), the same rule EPCIS capture applies.
 */
export function canonicalOrganizationId(value: string, field: string): string {
  const resolved = resolveInput(value, field);
  if (resolved.kind === undefined || resolved.kind === "PARTY" || resolved.kind === "ORGANIZATION") return resolved.key;
  throw wrongKind(value, field, resolved.kind, "an organisation");
}

/** Location ids: an SGLN resolves to its key; an opaque URI or any other registered id is kept as given. */
export function canonicalLocationId(value: string, field: string): string {
  const trimmed = value.trim();
  let resolved: ResolvedIdentifier;
  try {
    resolved = resolveIdentifier(trimmed);
  } catch (error) {
    // A plain registered id ("shop-12") is no identifier scheme at all; one that claims a scheme and fails is wrong.
    if (error instanceof IdentifierError && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
    return resolveInput(trimmed, field).key;
  }
  if (resolved.kind === undefined || resolved.kind === "LOCATION") return resolved.key;
  throw wrongKind(value, field, resolved.kind, "a location");
}
