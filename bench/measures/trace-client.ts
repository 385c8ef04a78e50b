import neo4j, { type Integer } from "neo4j-driver";
import { rawTraceCypher } from "../baselines/raw-cypher.js";
import type { BenchContext } from "../lib/context.js";
import { graphql } from "../lib/http-client.js";
import { answerSets, edgeTriple, type AnswerSets } from "../lib/same-answer.js";

/** One trace through our GraphQL API and through raw Cypher, each returning its answer's size. */
export type Direction = "DOWNSTREAM" | "UPSTREAM";

export const TRACE_LIMIT = 100_000;

interface TraceAnswer {
  root: string;
  truncated: boolean;
  nodes: { key: string; kind: string; depth: number }[];
  edges: { from: string; to: string; kind: string }[];
}

/** The answer as sent: edges in the API's compact encoding (`compactEdges`: positions in `nodes`). */
interface CompactTraceAnswer extends Omit<TraceAnswer, "edges"> {
  compactEdges: { from: number[]; to: number[]; kind: string[] };
}

/**
 * The edges as keys again, as a client of the compact encoding does (inside the timed call: the client pays for it).
 * A position outside `nodes` fails the call: a benchmark never times a broken answer.
 */
function decoded(answer: CompactTraceAnswer): TraceAnswer {
  const { compactEdges, ...rest } = answer;
  const keyAt = (i: number) => {
    const node = answer.nodes[i];
    if (!node) throw new Error(`compactEdges names node ${i} of ${answer.nodes.length}`);
    return node.key;
  };
  const edges = compactEdges.kind.map((kind, i) => ({
    from: keyAt(compactEdges.from[i] ?? -1),
    to: keyAt(compactEdges.to[i] ?? -1),
    kind,
  }));
  return { ...rest, edges };
}

function traceOperation(direction: Direction): string {
  const field = direction === "DOWNSTREAM" ? "downstream" : "upstream";
  return `query Trace($code: String!, $maxDepth: Int!, $limit: Int!) {
  trace: ${field}(code: $code, maxDepth: $maxDepth, limit: $limit) {
    root truncated
    nodes { key kind depth }
    compactEdges { from to kind }
  }
}`;
}

async function oursTraceAnswer(ctx: BenchContext, direction: Direction, code: string, maxDepth: number) {
  const data = await graphql<{ trace: CompactTraceAnswer }>(ctx.ours.url, traceOperation(direction), {
    code,
    maxDepth,
    limit: TRACE_LIMIT,
  });
  return decoded(data.trace);
}

export async function oursTrace(ctx: BenchContext, direction: Direction, code: string, maxDepth: number) {
  const trace = await oursTraceAnswer(ctx, direction, code, maxDepth);
  return { nodes: trace.nodes.length, edges: trace.edges.length };
}

interface RawTraceRow {
  key: string;
  depth: number | Integer;
  next: [string, string][];
  shipments: [string | null, string | null][];
}

async function rawTraceRows(ctx: BenchContext, direction: Direction, key: string, maxDepth: number) {
  const session = ctx.driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) =>
      tx.run(rawTraceCypher(direction, maxDepth), { key, fetch: neo4j.int(TRACE_LIMIT + 1) }),
    );
    return result.records.map((record) => record.toObject());
  } finally {
    await session.close();
  }
}

export async function rawTrace(ctx: BenchContext, direction: Direction, key: string, maxDepth: number) {
  return { rows: (await rawTraceRows(ctx, direction, key, maxDepth)).length };
}

/** Our answer as sets: its nodes and its edges. */
export async function oursTraceSets(
  ctx: BenchContext,
  direction: Direction,
  code: string,
  maxDepth: number,
): Promise<AnswerSets> {
  const trace = await oursTraceAnswer(ctx, direction, code, maxDepth);
  return answerSets(
    trace.nodes.map((n) => n.key),
    trace.edges.map((e) => edgeTriple(e.from, e.kind, e.to)),
  );
}

/**
 * The raw statement's rows folded into the answer the contract describes (API-CONTRACT §2), written here apart from
 * the service's assembly: the objects; the flow edges among them in flow direction; downstream, the organisations
 * the objects were shipped to with those edges; upstream, for the objects above the root, both ends of their
 * shipments, with the edges to the destinations.
 */
export async function rawTraceSets(
  ctx: BenchContext,
  direction: Direction,
  key: string,
  maxDepth: number,
): Promise<AnswerSets> {
  const rows = (await rawTraceRows(ctx, direction, key, maxDepth)) as unknown as RawTraceRow[];
  const objects = new Set(rows.map((r) => r.key));
  const nodes = new Set(objects);
  const edges = new Set<string>();
  for (const row of rows) {
    for (const [kind, other] of row.next) {
      if (!objects.has(other)) continue;
      edges.add(direction === "DOWNSTREAM" ? edgeTriple(row.key, kind, other) : edgeTriple(other, kind, row.key));
    }
    if (direction === "UPSTREAM" && neo4j.integer.toNumber(row.depth) === 0) continue;
    for (const [to, from] of row.shipments) {
      if (to === null) continue;
      nodes.add(to);
      edges.add(edgeTriple(row.key, "SHIPPED_TO", to));
      if (direction === "UPSTREAM" && from !== null) nodes.add(from);
    }
  }
  return { nodes, edges };
}
