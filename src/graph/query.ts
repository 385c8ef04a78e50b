/**
 * A statement built as data: its name (transaction metadata and logs), its Cypher and its parameters. Builders in
 * `*.queries.ts` return these and the executor runs them, so every statement can be snapshot-tested without a
 * database and planned with EXPLAIN against a live one (test/support/query-catalog.ts lists them all).
 */
export interface Query {
  readonly name: string;
  readonly cypher: string;
  readonly params: Record<string, unknown>;
}

export function query(name: string, cypher: string, params: Record<string, unknown> = {}): Query {
  return { name, cypher, params };
}
