import type { BenchContext } from "../lib/context.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { interleave, median, percentile, timed } from "../lib/stats.js";
import { assertSameAnswer } from "../lib/same-answer.js";
import { oursTrace, oursTraceSets, rawTrace, rawTraceSets, type Direction } from "./trace-client.js";

/**
 * trace.downstream / trace.upstream: our GraphQL trace over HTTP against the best raw Cypher for the same answer, at
 * small, medium and large result sizes (upstream: item and pallet; no object has a large upstream in this chain).
 * The headline ratio is the medium size downstream (a product lot) and the item upstream (a consumer's question).
 * Also the absolute p50/p99 of ours at each size, from a longer ours-only series.
 */
interface SizePoint {
  /** The row's size part: trace.<direction>.<size>.latency_vs_raw_cypher. */
  size: "small" | "medium" | "large";
  label: string;
  key: string;
}

const DEPTH = 16;

async function measureSize(ctx: BenchContext, direction: Direction, point: SizePoint, runs: number) {
  const name = `trace.${direction.toLowerCase()}.${point.size}.latency_vs_raw_cypher`;
  assertSameAnswer(
    name,
    await oursTraceSets(ctx, direction, point.key, DEPTH),
    await rawTraceSets(ctx, direction, point.key, DEPTH),
  );
  const size = await oursTrace(ctx, direction, point.key, DEPTH);
  const samples = await interleave({
    warmup: ctx.reps.warmup,
    runs,
    ours: () => timed(() => oursTrace(ctx, direction, point.key, DEPTH)),
    baseline: () => timed(() => rawTrace(ctx, direction, point.key, DEPTH)),
  });
  const ours = median(samples.ours);
  const baseline = median(samples.baseline);
  ctx.log(
    `  ${direction.toLowerCase()} ${point.label}: ${size.nodes} nodes, ours ${ours.toFixed(1)} ms, raw ${baseline.toFixed(1)} ms`,
  );
  return { ...point, name, nodes: size.nodes, edges: size.edges, ours, baseline, ratio: ours / baseline, samples };
}

/** A longer ours-only series for p99: sequential requests, as one client would send them. */
async function latencySeries(ctx: BenchContext, direction: Direction, key: string, count: number) {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await timed(() => oursTrace(ctx, direction, key, DEPTH)));
  return { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), samples: count };
}

/** The headline row, then one row per size (issue 19: within 1.3x of raw Cypher at every size). */
export async function traceMeasure(ctx: BenchContext, direction: Direction): Promise<MeasureResult[]> {
  const { tree, dag } = ctx.roots;
  const points: SizePoint[] =
    direction === "DOWNSTREAM"
      ? [
          { size: "small", label: "small (item)", key: tree.item },
          { size: "medium", label: "medium (product lot)", key: dag.productLot },
          { size: "large", label: "large (raw material lot, DAG)", key: dag.rawLot },
        ]
      : [
          // No object has a large upstream in this chain: its largest is a pallet's (its cases, items and lots).
          { size: "small", label: "small (item)", key: dag.item },
          { size: "medium", label: "medium (case)", key: dag.case },
          { size: "large", label: "large (pallet)", key: dag.pallet },
        ];
  const headline = direction === "DOWNSTREAM" ? 1 : 0;
  const results = [];
  for (const [i, point] of points.entries()) {
    const runs = i === 2 ? Math.max(5, Math.ceil(ctx.reps.runs / 2)) : ctx.reps.runs;
    results.push(await measureSize(ctx, direction, point, runs));
  }
  if (direction === "DOWNSTREAM") {
    const series = ctx.mode === "quick" ? [100, 50, 10] : [300, 100, 20];
    const absolute: Record<string, unknown> = {};
    for (const [i, point] of points.entries()) {
      const r = results[i];
      absolute[point.label] = { nodes: r?.nodes, ...(await latencySeries(ctx, direction, point.key, series[i] ?? 10)) };
    }
    ctx.absolute.traceDownstreamLatencyMs = absolute;
  }
  const main = results[headline];
  const name =
    direction === "DOWNSTREAM" ? "trace.downstream.latency_vs_raw_cypher" : "trace.upstream.latency_vs_raw_cypher";
  const note =
    "ours = HTTP POST /graphql on loopback, raw = neo4j-driver; answers checked equal (nodes and edges) first";
  const headlineRow = measureResult(
    name,
    {
      ours: main?.ours ?? null,
      baseline: main?.baseline ?? null,
      unit: "ms (p50)",
      scale: ctx.mode,
      runs: ctx.reps.runs,
    },
    {
      note: `headline: ${main?.label}, ${main?.nodes} nodes / ${main?.edges} edges, maxDepth ${DEPTH}; ${note}`,
      details: {
        sizes: results.map((r) => ({
          size: r.label,
          nodes: r.nodes,
          edges: r.edges,
          ours: round(r.ours),
          baseline: round(r.baseline),
          ratio: round(r.ratio),
          samples: { ours: r.samples.ours.map((v) => round(v)), baseline: r.samples.baseline.map((v) => round(v)) },
        })),
      },
    },
  );
  const sizeRows = results.map((r) =>
    measureResult(
      r.name,
      { ours: r.ours, baseline: r.baseline, unit: "ms (p50)", scale: ctx.mode, runs: r.samples.ours.length },
      {
        note: `${r.label}, ${r.nodes} nodes / ${r.edges} edges, maxDepth ${DEPTH}; ${note}`,
        details: {
          samples: { ours: r.samples.ours.map((v) => round(v)), baseline: r.samples.baseline.map((v) => round(v)) },
        },
      },
    ),
  );
  return [headlineRow, ...sizeRows];
}
