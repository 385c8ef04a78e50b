import neo4j, { type Integer } from "neo4j-driver";
import { RAW_RECALL } from "../baselines/raw-cypher.js";
import type { BenchContext } from "../lib/context.js";
import { graphql } from "../lib/http-client.js";
import { rawRead } from "../lib/raw-read.js";
import { assertSameAnswer, type AnswerSets } from "../lib/same-answer.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { interleave, median, timed } from "../lib/stats.js";

/**
 * recall.impact: recallImpact's first page (100 objects with their tier) and counts (total, organisations with object
 * counts, regions) through our API, against one raw Cypher statement returning the same.
 */
const RECALL = `query Recall($code: String!) {
  recallImpact(code: $code) {
    root
    regions
    organizations { organization { id } objectCount }
    objects(first: 100) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor tier node { key kind } }
    }
  }
}`;

interface RecallAnswer {
  recallImpact: {
    objects: { totalCount: number; edges: { tier: string; node: { key: string } }[] };
    organizations: { organization: { id: string }; objectCount: number }[];
  };
}

interface RawRecallRow {
  total: number | Integer;
  orgs: { orgId: string; objectCount: number | Integer }[];
  page: { key: string; certain: boolean }[];
}

/** Our first page (objects with their tier), organisations with their counts and the total, as sets. */
async function oursRecallSets(ctx: BenchContext, code: string): Promise<AnswerSets> {
  const { recallImpact } = await graphql<RecallAnswer>(ctx.ours.url, RECALL, { code });
  return {
    total: new Set([String(recallImpact.objects.totalCount)]),
    objects: new Set(recallImpact.objects.edges.map((e) => `${e.node.key} ${e.tier}`)),
    organizations: new Set(recallImpact.organizations.map((o) => `${o.organization.id} x${o.objectCount}`)),
  };
}

async function rawRecallSets(ctx: BenchContext, key: string): Promise<AnswerSets> {
  const [row] = (await rawRecall(ctx, key)) as unknown as RawRecallRow[];
  if (!row) return { total: new Set(["0"]), objects: new Set(), organizations: new Set() };
  return {
    total: new Set([String(neo4j.integer.toNumber(row.total))]),
    // The raw statement fetches one more than the page, to know whether there is a next one.
    objects: new Set(row.page.slice(0, 100).map((o) => `${o.key} ${o.certain ? "CERTAIN" : "POSSIBLE"}`)),
    organizations: new Set(row.orgs.map((o) => `${o.orgId} x${neo4j.integer.toNumber(o.objectCount)}`)),
  };
}

async function oursRecall(ctx: BenchContext, code: string) {
  const data = await graphql<RecallAnswer>(ctx.ours.url, RECALL, { code });
  return { total: data.recallImpact.objects.totalCount, page: data.recallImpact.objects.edges.length };
}

function rawRecall(ctx: BenchContext, key: string) {
  return rawRead(ctx.driver, RAW_RECALL, { key, fetch: neo4j.int(101) });
}

export async function recallMeasure(ctx: BenchContext): Promise<MeasureResult> {
  const points = [
    { label: "product lot", key: ctx.roots.dag.productLot },
    { label: "component lot (DAG)", key: ctx.roots.dag.componentLot },
  ];
  const results = [];
  for (const point of points) {
    assertSameAnswer(
      `recall.impact.latency_vs_raw_cypher (${point.label})`,
      await oursRecallSets(ctx, point.key),
      await rawRecallSets(ctx, point.key),
    );
    const size = await oursRecall(ctx, point.key);
    const samples = await interleave({
      warmup: ctx.reps.warmup,
      runs: ctx.reps.runs,
      ours: () => timed(() => oursRecall(ctx, point.key)),
      baseline: () => timed(() => rawRecall(ctx, point.key)),
    });
    const ours = median(samples.ours);
    const baseline = median(samples.baseline);
    ctx.log(
      `  recall ${point.label}: ${size.total} affected, ours ${ours.toFixed(1)} ms, raw ${baseline.toFixed(1)} ms`,
    );
    results.push({ ...point, affected: size.total, ours, baseline, samples });
  }
  const main = results[0];
  return measureResult(
    "recall.impact.latency_vs_raw_cypher",
    {
      ours: main?.ours ?? null,
      baseline: main?.baseline ?? null,
      unit: "ms (p50)",
      scale: ctx.mode,
      runs: ctx.reps.runs,
    },
    {
      note: `headline: recall of a ${main?.label} (${main?.affected} affected objects), first page of 100 + counts; answers (total, first page with tiers, organisations with counts) checked equal first`,
      details: {
        sizes: results.map((r) => ({
          size: r.label,
          affected: r.affected,
          ours: round(r.ours),
          baseline: round(r.baseline),
          ratio: round(r.ours / r.baseline),
          samples: { ours: r.samples.ours.map((v) => round(v)), baseline: r.samples.baseline.map((v) => round(v)) },
        })),
      },
    },
  );
}
