import neo4j from "neo4j-driver";

/** Elements of a long list kept in a log line; the rest is counted, so a 10,000-row UNWIND stays one short line. */
const LIST_HEAD = 3;
/** Strings longer than this (event documents, JSON) are cut to their first STRING_HEAD characters and a count. */
const MAX_STRING = 200;
const STRING_HEAD = 80;
/** Nesting kept; deeper values are elided (rows of rows of maps say nothing more in a log). */
const MAX_DEPTH = 4;

/**
 * A log-sized copy of a statement's parameters: long lists become `{ length, first }`, long strings their head and
 * length, Neo4j integers and temporals plain values. Only called when debug logging is on: it walks the parameters.
 */
export function logParams(params: Record<string, unknown>): Record<string, unknown> {
  return summarise(params, 0) as Record<string, unknown>;
}

function summarise(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.length > MAX_STRING ? cutString(value) : value;
  if (value === null || typeof value !== "object") return value;
  if (neo4j.isInt(value)) return neo4j.integer.inSafeRange(value) ? value.toNumber() : value.toString();
  if (depth >= MAX_DEPTH) return "…";
  if (Array.isArray(value)) {
    if (value.length <= LIST_HEAD + 1) return value.map((v) => summarise(v, depth + 1));
    return { length: value.length, first: value.slice(0, LIST_HEAD).map((v) => summarise(v, depth + 1)) };
  }
  // Temporals and other driver values carry their own readable form; plain objects are walked.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return String(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, summarise(v, depth + 1)]));
}

function cutString(value: string): string {
  return `${value.slice(0, STRING_HEAD)}… (${value.length} chars)`;
}
