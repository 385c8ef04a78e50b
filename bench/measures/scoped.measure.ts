import type { BenchContext } from "../lib/context.js";
import { graphql } from "../lib/http-client.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { interleave, median, timed } from "../lib/stats.js";
import { TRACE_LIMIT } from "./trace-client.js";

/**
 * trace.downstream.scoped_vs_admin and recall.impact.scoped_vs_admin (issue 12): the maker's read of its own product
 * lot, whose answer equals the operator's (checked before timing), against the operator's read of the same root.
 * Both through our GraphQL API over HTTP, interleaved; only the credential differs. Goal: visibility checked inside
 * the statements costs at most 15% over the unscoped read of the same visible subgraph.
 */
const DOWNSTREAM = `query Trace($code: String!, $limit: Int!) {
  downstream(code: $code, maxDepth: 16, limit: $limit) { root truncated nodes { key kind depth } edges { from to kind } }
}`;

const RECALL = `query Recall($code: String!) {
  recallImpact(code: $code) {
    root
    regions
    organizations { organization { id } objectCount }
    objects(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor tier node { key kind } } }
  }
}`;

interface Variant {
  name: string;
  operation: string;
  variables: Record<string, unknown>;
  /** The answer reduced to what must be equal between the two credentials, in a canonical order. */
  canonical: (data: unknown) => string;
  size: (data: unknown) => number;
}

interface TraceData {
  downstream: { nodes: { key: string }[]; edges: { from: string; to: string; kind: string }[] };
}
interface RecallData {
  recallImpact: { objects: { totalCount: number } };
}

const sortedJson = (values: string[]) => JSON.stringify([...values].sort());

function variants(ctx: BenchContext): Variant[] {
  const code = ctx.roots.dag.productLot;
  return [
    {
      name: "trace.downstream.scoped_vs_admin",
      operation: DOWNSTREAM,
      variables: { code, limit: TRACE_LIMIT },
      canonical: (data) => {
        const { nodes, edges } = (data as TraceData).downstream;
        return sortedJson([...nodes.map((n) => n.key), ...edges.map((e) => `${e.from}>${e.kind}>${e.to}`)]);
      },
      size: (data) => (data as TraceData).downstream.nodes.length,
    },
    {
      name: "recall.impact.scoped_vs_admin",
      operation: RECALL,
      variables: { code },
      canonical: (data) => JSON.stringify(data),
      size: (data) => (data as RecallData).recallImpact.objects.totalCount,
    },
  ];
}

async function measureOne(ctx: BenchContext, variant: Variant): Promise<MeasureResult> {
  const read = (authorization: string) =>
    graphql<unknown>(ctx.ours.url, variant.operation, variant.variables, authorization);
  const [scoped, admin] = [await read(ctx.makerAuthorization), await read(ctx.adminKeyAuthorization)];
  if (variant.canonical(scoped) !== variant.canonical(admin)) {
    throw new Error(`${variant.name}: the maker's answer differs from the operator's; the comparison would be unfair`);
  }
  // Reads of ~20 ms whose difference is the point: three times the usual repetitions, so a few milliseconds of
  // scheduling noise on a shared machine do not decide the median.
  const runs = Math.max(21, ctx.reps.runs * 3);
  const samples = await interleave({
    warmup: ctx.reps.warmup,
    runs,
    ours: () => timed(() => read(ctx.makerAuthorization)),
    baseline: () => timed(() => read(ctx.adminKeyAuthorization)),
  });
  const ours = median(samples.ours);
  const baseline = median(samples.baseline);
  ctx.log(
    `  ${variant.name}: ${variant.size(admin)} objects, maker ${ours.toFixed(1)} ms, operator ${baseline.toFixed(1)} ms`,
  );
  return measureResult(
    variant.name,
    { ours, baseline, unit: "ms (p50)", scale: ctx.mode, runs },
    {
      note: `the maker (${ctx.roots.dag.productLotMaker}) reads its own product lot; baseline: the operator (an ADMIN API key, looked up like the maker's) reads the same root; answers checked equal; HTTP POST /graphql on loopback`,
      details: {
        objects: variant.size(admin),
        samples: { ours: samples.ours.map((v) => round(v)), baseline: samples.baseline.map((v) => round(v)) },
      },
    },
  );
}

export const SCOPED_MEASURES = ["trace.downstream.scoped_vs_admin", "recall.impact.scoped_vs_admin"] as const;

export async function scopedMeasure(ctx: BenchContext, name: (typeof SCOPED_MEASURES)[number]): Promise<MeasureResult> {
  const variant = variants(ctx).find((v) => v.name === name);
  if (!variant) throw new Error(`no scoped measure ${name}`);
  return measureOne(ctx, variant);
}
