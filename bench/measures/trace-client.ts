import neo4j from "neo4j-driver";
import { rawTraceCypher } from "../baselines/raw-cypher.js";
import type { BenchContext } from "../lib/context.js";
import { graphql } from "../lib/http-client.js";

/** One trace through our GraphQL API and through raw Cypher, each returning its answer's size. */
export type Direction = "DOWNSTREAM" | "UPSTREAM";

export const TRACE_LIMIT = 100_000;

interface TraceAnswer {
  root: string;
  truncated: boolean;
  nodes: { key: string; kind: string; depth: number }[];
  edges: { from: string; to: string; kind: string }[];
}

function traceOperation(direction: Direction): string {
  const field = direction === "DOWNSTREAM" ? "downstream" : "upstream";
  return `query Trace($code: String!, $maxDepth: Int!, $limit: Int!) {
  trace: ${field}(code: $code, maxDepth: $maxDepth, limit: $limit) {
    root truncated
    nodes { key kind depth }
    edges { from to kind }
  }
}`;
}

export async function oursTrace(ctx: BenchContext, direction: Direction, code: string, maxDepth: number) {
  const data = await graphql<{ trace: TraceAnswer }>(ctx.ours.url, traceOperation(direction), {
    code,
    maxDepth,
    limit: TRACE_LIMIT,
  });
  return { nodes: data.trace.nodes.length, edges: data.trace.edges.length };
}

export async function rawTrace(ctx: BenchContext, direction: Direction, key: string, maxDepth: number) {
  const session = ctx.driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) =>
      tx.run(rawTraceCypher(direction, maxDepth), { key, fetch: neo4j.int(TRACE_LIMIT + 1) }),
    );
    const rows = result.records.map((record) => record.toObject());
    return { rows: rows.length };
  } finally {
    await session.close();
  }
}
