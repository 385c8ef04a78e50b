import { BadUserInputError } from "../errors/app-errors.js";
import { excerpt } from "../errors/excerpt.js";

/**
 * Opaque keyset cursors (Relay): the sort values of the last row seen, base64url-encoded JSON. A cursor is a
 * position, not an offset, so pages stay stable while new rows arrive.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/**
 * What each position of a cursor holds, so a forged one is refused here rather than by Neo4j (a text where Cypher
 * calls `datetime()` would fail the query: a 500 instead of the caller's mistake).
 */
export type CursorPart = "text" | "datetime";

/** Longer than any cursor we issue (keys are short); a longer one is refused unread. */
const MAX_CURSOR_LENGTH = 2_048;

/** ISO 8601 date-times as Neo4j's `datetime()` reads them and as our rows are encoded (offset or Z required). */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})(\[[A-Za-z0-9_+\-/]+\])?$/;

export function decodeCursor(cursor: string, parts: readonly CursorPart[]): string[] {
  const values = cursor.length <= MAX_CURSOR_LENGTH ? parse(cursor) : null;
  if (
    Array.isArray(values) &&
    values.length === parts.length &&
    values.every((value, i) => (parts[i] === "datetime" ? isDateTime(value) : typeof value === "string"))
  ) {
    return values as string[];
  }
  throw new BadUserInputError(`"${excerpt(cursor, 40)}" is not a cursor this connection issued`, {
    field: "after",
    value: excerpt(cursor, 40),
    rule: "cursor",
  });
}

function parse(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

function isDateTime(value: unknown): boolean {
  return typeof value === "string" && DATETIME.test(value) && !Number.isNaN(Date.parse(value.replace(/\[.*\]$/, "")));
}
