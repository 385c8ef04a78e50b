import { BadUserInputError } from "../errors/app-errors.js";

/**
 * Opaque keyset cursors (Relay): the sort values of the last row seen, base64url-encoded JSON. A cursor is a
 * position, not an offset, so pages stay stable while new rows arrive.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError(`"${cursor}" is not a cursor this connection issued`, { field: "after", value: cursor });
}
