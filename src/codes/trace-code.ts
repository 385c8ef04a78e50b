/**
 * Our own trace code (追溯码): one import for everything about it. The format is described once, in README.md;
 * each concern lives in its own file below.
 */
export { TraceCodeType, TYPE_LETTERS, formatTraceCode } from "./trace-code-format.js";
export { issuerPrefix } from "./issuer-prefix.js";
export { type RandomSource, generateTraceCode, generateTraceCodes } from "./trace-code-generate.js";
export { type ParsedTraceCode, canonicalTraceCode, looksLikeTraceCode, parseTraceCode } from "./trace-code-parse.js";
export { epcOfKey, traceCodeInUrl, traceCodeUrl } from "./trace-code-url.js";
