import { decodeCursor, encodeCursor, type CursorPart } from "./cursor.js";

/**
 * One way to page (Relay cursor connections with keyset cursors): a query fetches `first + 1` rows after the
 * position a cursor holds, and `keysetPage` keeps `first` of them, encodes each row's position as its cursor and
 * tells from the extra row whether there is a next page. A position is the row's sort key, so pages stay stable
 * while rows are added.
 */

/** A sort position: the values a cursor encodes, in ORDER BY order. */
export type Position = readonly (string | number)[];

export interface PageInfoRecord {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfoRecord;
}

/** Rows to fetch for a page of `first`: one more tells whether a next page exists. */
export function fetchSize(first: number): number {
  return first + 1;
}

/**
 * The position an `after` cursor holds, or null for the first page; BAD_USER_INPUT for a cursor we did not issue or
 * one whose values are not of the connection's sort key (`parts`, in ORDER BY order).
 */
export function afterPosition(after: string | null | undefined, parts: readonly CursorPart[]): Position | null {
  return after ? decodeCursor(after, parts) : null;
}

/** The page of `first` rows out of up to `first + 1` fetched, each with the cursor of its position. */
export function keysetPage<T>(rows: readonly T[], first: number, position: (row: T) => Position): Page<T> {
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor([...position(node)]), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
