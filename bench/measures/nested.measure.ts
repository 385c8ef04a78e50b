import type { BenchContext } from "../lib/context.js";
import { graphql } from "../lib/http-client.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { median, timed } from "../lib/stats.js";
import { assertSameAnswer, edgeTriple, type AnswerSets } from "../lib/same-answer.js";
import { oursTrace, oursTraceSets, rawTrace } from "./trace-client.js";

/**
 * nested.tree / nested.dag, and the latency-versus-size chart: downstream traces at depth 5 through our API, raw
 * Cypher and @neo4j/graphql's own nested query (every relationship field at every level, to depth 5: what a client
 * of a generated API must send to get a whole trace). The three run in rotation, root by root, on the same warm
 * database. On a DAG the nested answer repeats every shared subtree once per path; ours returns each node once.
 */
export const NESTED_DEPTH = 5;

export function nestedSelection(level: number, depth: number): string {
  const base = "key kind shippedTo { id }";
  if (level >= depth) return base;
  const next = nestedSelection(level + 1, depth);
  return `${base} transformedInto { ${next} } lotItems { ${next} } containedIn { ${next} }`;
}

const NESTED_QUERY = `query Trace($key: String!) { objs(where: { key: { eq: $key } }) { ${nestedSelection(0, NESTED_DEPTH)} } }`;

/** The same trace through the type definitions' @cypher field: each object once, with its neighbours and shipments. */
const CYPHER_FIELD_QUERY = `query Trace($key: String!) { objs(where: { key: { eq: $key } }) {
  downstream5 { key kind shippedTo { id } transformedInto { key } lotItems { key } containedIn { key } }
} }`;

interface NestedObj {
  key: string;
  shippedTo: { id: string }[];
  transformedInto?: NestedObj[];
  lotItems?: NestedObj[];
  containedIn?: NestedObj[];
}

const NESTED_KINDS = [
  ["transformedInto", "TRANSFORMED_INTO"],
  ["lotItems", "IN_LOT"],
  ["containedIn", "CONTAINED_IN"],
] as const;

/** The nested answer's distinct nodes and edges (its repeated subtrees folded), shipments included. */
function nestedSets(objs: readonly NestedObj[]): AnswerSets {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const visit = (o: NestedObj) => {
    nodes.add(o.key);
    for (const org of o.shippedTo) {
      nodes.add(org.id);
      edges.add(edgeTriple(o.key, "SHIPPED_TO", org.id));
    }
    for (const [field, kind] of NESTED_KINDS) {
      for (const child of o[field] ?? []) {
        edges.add(edgeTriple(o.key, kind, child.key));
        visit(child);
      }
    }
  };
  objs.forEach(visit);
  return { nodes, edges };
}

/** The @cypher field's answer: its objects, their shipments, and the flow edges among its objects. */
function cypherFieldSets(objs: readonly { downstream5: NestedObj[] }[]): AnswerSets {
  const found = objs.flatMap((o) => o.downstream5);
  const objects = new Set(found.map((o) => o.key));
  const nodes = new Set(objects);
  const edges = new Set<string>();
  for (const o of found) {
    for (const org of o.shippedTo) {
      nodes.add(org.id);
      edges.add(edgeTriple(o.key, "SHIPPED_TO", org.id));
    }
    for (const [field, kind] of NESTED_KINDS) {
      for (const next of o[field] ?? []) if (objects.has(next.key)) edges.add(edgeTriple(o.key, kind, next.key));
    }
  }
  return { nodes, edges };
}

/**
 * Our answer's edges that the nested query can show: it stops expanding at depth 5, so a flow edge out of an object
 * at that depth (to another object of the answer reached by a shorter path) is not in it.
 */
async function oursNestedComparable(ctx: BenchContext, key: string): Promise<AnswerSets> {
  const ours = await oursTraceSets(ctx, "DOWNSTREAM", key, NESTED_DEPTH);
  const data = await graphql<{ trace: { nodes: { key: string; depth: number }[] } }>(
    ctx.ours.url,
    `query D($code: String!) { trace: downstream(code: $code, maxDepth: ${NESTED_DEPTH}, limit: 100000) { nodes { key depth } } }`,
    { code: key },
  );
  const atLimit = new Set(data.trace.nodes.filter((n) => n.depth >= NESTED_DEPTH).map((n) => n.key));
  const edges = [...(ours.edges ?? [])].filter(
    (e) => e.includes("-SHIPPED_TO->") || !atLimit.has(e.split(" -")[0] ?? ""),
  );
  return { nodes: ours.nodes ?? new Set(), edges: new Set(edges) };
}

async function checkSameAnswers(ctx: BenchContext, label: string, key: string): Promise<void> {
  const theirs = ctx.neo4jGraphql;
  if (!theirs) return;
  const nested = await graphql<{ objs: NestedObj[] }>(theirs.url, NESTED_QUERY, { key });
  assertSameAnswer(
    `nested ${label}: @neo4j/graphql nested query`,
    await oursNestedComparable(ctx, key),
    nestedSets(nested.objs),
  );
  const cypherField = await graphql<{ objs: { downstream5: NestedObj[] }[] }>(theirs.url, CYPHER_FIELD_QUERY, { key });
  assertSameAnswer(
    `nested ${label}: @neo4j/graphql @cypher field`,
    await oursTraceSets(ctx, "DOWNSTREAM", key, NESTED_DEPTH),
    cypherFieldSets(cypherField.objs),
  );
}

export interface ChartPoint {
  label: string;
  variant: "tree" | "dag";
  nodes: number;
  ours: number;
  raw: number;
  neo4jGraphql: number | null;
  neo4jGraphqlBytes: number | null;
  /** @neo4j/graphql through the @cypher field (each object once). */
  neo4jGraphqlCypher: number | null;
  runs: number;
}

async function neo4jGraphqlTrace(url: string, key: string): Promise<number> {
  const data = await graphql<{ objs: unknown[] }>(url, NESTED_QUERY, { key });
  return JSON.stringify(data).length;
}

async function neo4jGraphqlCypherTrace(url: string, key: string): Promise<number> {
  const data = await graphql<{ objs: unknown[] }>(url, CYPHER_FIELD_QUERY, { key });
  return JSON.stringify(data).length;
}

async function measurePoint(ctx: BenchContext, label: string, variant: "tree" | "dag", key: string, runs: number) {
  const theirs = ctx.neo4jGraphql;
  await checkSameAnswers(ctx, `${variant} ${label}`, key);
  const sides: [string, () => Promise<unknown>][] = [
    ["ours", () => oursTrace(ctx, "DOWNSTREAM", key, NESTED_DEPTH)],
    ["raw", () => rawTrace(ctx, "DOWNSTREAM", key, NESTED_DEPTH)],
  ];
  if (theirs) {
    sides.push(["neo4jGraphql", () => neo4jGraphqlTrace(theirs.url, key)]);
    sides.push(["neo4jGraphqlCypher", () => neo4jGraphqlCypherTrace(theirs.url, key)]);
  }
  const samples = new Map<string, number[]>(sides.map(([name]) => [name, []]));
  for (let i = 0; i < ctx.reps.warmup; i++) for (const [, run] of sides) await run();
  // Rotate the order each round, so no side always runs right after the same other side.
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < sides.length; j++) {
      const side = sides[(i + j) % sides.length];
      if (side) samples.get(side[0])?.push(await timed(side[1]));
    }
  }
  const size = await oursTrace(ctx, "DOWNSTREAM", key, NESTED_DEPTH);
  const point: ChartPoint = {
    label,
    variant,
    nodes: size.nodes,
    ours: median(samples.get("ours") ?? []),
    raw: median(samples.get("raw") ?? []),
    neo4jGraphql: theirs ? median(samples.get("neo4jGraphql") ?? []) : null,
    neo4jGraphqlBytes: theirs ? await neo4jGraphqlTrace(theirs.url, key) : null,
    neo4jGraphqlCypher: theirs ? median(samples.get("neo4jGraphqlCypher") ?? []) : null,
    runs,
  };
  ctx.log(
    `  ${variant} ${label}: ${point.nodes} nodes, ours ${point.ours.toFixed(1)} ms, raw ${point.raw.toFixed(1)} ms, ` +
      `@neo4j/graphql ${point.neo4jGraphql?.toFixed(1) ?? "-"} ms, its @cypher field ${point.neo4jGraphqlCypher?.toFixed(1) ?? "-"} ms`,
  );
  return point;
}

/** Runs the chart's roots (smallest to largest) and derives the two nested measures from the raw material lots. */
export async function nestedMeasures(ctx: BenchContext): Promise<{ results: MeasureResult[]; chart: ChartPoint[] }> {
  const { tree, dag } = ctx.roots;
  const roots: [string, "tree" | "dag", string][] = [
    ["pallet", "tree", tree.pallet],
    ["case", "tree", tree.case],
    ["item", "tree", tree.item],
    ["product lot", "tree", tree.productLot],
    ["raw material lot", "tree", tree.rawLot],
    ["product lot", "dag", dag.productLot],
    ["subassembly lot", "dag", dag.subassemblyLot],
    ["component lot", "dag", dag.componentLot],
    ["raw material lot", "dag", dag.rawLot],
  ];
  const chart: ChartPoint[] = [];
  for (const [label, variant, key] of roots) chart.push(await measurePoint(ctx, label, variant, key, ctx.reps.runs));
  const cypherResult = (name: string, point: ChartPoint | undefined) =>
    measureResult(
      name,
      {
        ours: point?.ours ?? null,
        baseline: point?.neo4jGraphqlCypher ?? null,
        unit: "ms (p50)",
        scale: ctx.mode,
        runs: point?.runs ?? 0,
      },
      {
        note:
          point?.neo4jGraphqlCypher === null || point === undefined
            ? "@neo4j/graphql server unavailable"
            : `downstream from a ${point.variant} raw material lot at depth ${NESTED_DEPTH}, ${point.nodes} distinct nodes on both sides (checked): @neo4j/graphql through a @cypher field (MATCH (this)-[:FLOW*0..5]->(n) RETURN DISTINCT n) with neighbours and shipments one level deep`,
      },
    );
  const result = (name: string, point: ChartPoint | undefined) =>
    ctx.neo4jGraphql === undefined || point === undefined
      ? measureResult(
          name,
          { ours: point?.ours ?? null, baseline: null, unit: "ms (p50)", scale: ctx.mode, runs: 0 },
          { note: "@neo4j/graphql server unavailable" },
        )
      : measureResult(
          name,
          { ours: point.ours, baseline: point.neo4jGraphql, unit: "ms (p50)", scale: ctx.mode, runs: point.runs },
          {
            note: `downstream from a ${point.variant} raw material lot at depth ${NESTED_DEPTH}: ours ${point.nodes} distinct nodes; @neo4j/graphql nested answer ${point.neo4jGraphqlBytes?.toLocaleString("en-US")} bytes; raw Cypher ${round(point.raw)} ms`,
            details: { rawCypherMs: round(point.raw), nodes: point.nodes, neo4jGraphqlBytes: point.neo4jGraphqlBytes },
          },
        );
  const treeRaw = chart.find((p) => p.variant === "tree" && p.label === "raw material lot");
  const dagRaw = chart.find((p) => p.variant === "dag" && p.label === "raw material lot");
  return {
    results: [
      result("nested.tree.latency_vs_neo4j_graphql", treeRaw),
      result("nested.dag.latency_vs_neo4j_graphql", dagRaw),
      cypherResult("nested.tree.latency_vs_neo4j_graphql_cypher", treeRaw),
      cypherResult("nested.dag.latency_vs_neo4j_graphql_cypher", dagRaw),
    ],
    chart,
  };
}
