/** A query built as data, run elsewhere: lets Cypher be snapshot-tested without a database. */
export interface CypherQuery {
  readonly cypher: string;
  readonly params: Record<string, unknown>;
}

export function cypher(text: string, params: Record<string, unknown> = {}): CypherQuery {
  return { cypher: text, params };
}
