/** Public API of the pure identifier library: formats, check characters, parsing and QR rendering. */
export { IdentifierError } from "./identifier-error.js";
export { gs1CheckDigit, hasValidGs1CheckDigit } from "./gs1-check-digit.js";
export { type Gs1Scheme } from "./gs1-key-patterns.js";
export { isEpcUrn, parseEpcUrn } from "./gs1-urn.js";
export { isHttpUri, parseDigitalLink } from "./gs1-digital-link.js";
export { type Gs1Element, type Gs1Key, GS1_CANONICAL_ORIGIN, gs1KeyUrl } from "./gs1-key.js";
export { isValidUscc, usccCheckChar } from "./uscc.js";
export { type RegionLevel, isRegionCode, regionCovers, regionLevel } from "./region-code.js";
export { CROCKFORD_ALPHABET, normalizeCrockford } from "./crockford-base32.js";
export { hasValidTraceCheck, traceCheckChar } from "./trace-code-check.js";
export {
  type ParsedTraceCode,
  type RandomSource,
  TraceCodeType,
  TYPE_LETTERS,
  canonicalTraceCode,
  formatTraceCode,
  generateTraceCode,
  generateTraceCodes,
  issuerPrefix,
  looksLikeTraceCode,
  parseTraceCode,
  epcOfKey,
  traceCodeInUrl,
  traceCodeUrl,
} from "./trace-code.js";
export {
  type IdentifierKind,
  type ParsedIdentifier,
  KIND_OF_TRACE_CODE_TYPE,
  canonicalKey,
  gtinOfKey,
  lotKey,
  parseIdentifier,
  productKey,
} from "./parse-identifier.js";
export { type ResolvedIdentifier, canonicalOrSelf, resolveIdentifier } from "./resolve-identifier.js";
export { QR_PNG_SIZES, renderQrPng, renderQrSvg } from "./qr.js";
