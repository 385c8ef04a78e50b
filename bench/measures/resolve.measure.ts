import autocannon from "autocannon";
import { SupplyChain } from "../generate/supply-chain.js";
import type { BenchContext } from "../lib/context.js";
import { BENCH_AUTHORIZATION } from "../lib/http-client.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { median, percentile } from "../lib/stats.js";
import neo4j from "neo4j-driver";

/**
 * resolve.http: resolveCode over HTTP at concurrency 16 (autocannon) against the real server on loopback, bounded
 * runs, rotating through a thousand codes of both datasets in several spellings. Ratio = p99 / p50: how much worse
 * the slow tail is than the typical request under load. Latencies are autocannon's (per request, in ms).
 */
const CONNECTIONS = 16;
const QUERY = "query Resolve($code: String!) { resolveCode(code: $code) { key kind } }";

/** The canonical keys the codes name: what the raw baseline looks up (it parses no spellings). */
function keysToResolve(ctx: BenchContext): string[] {
  const keys: string[] = [];
  for (const spec of ctx.datasets) {
    const chain = new SupplyChain(spec.config);
    const step = Math.max(1, Math.floor(spec.config.lots / 150));
    for (let lot = 0; lot < spec.config.lots; lot += step) {
      const items = chain.itemKeys(lot);
      for (let j = 0; j < 5; j++) keys.push(items[(lot * 31 + j * 97) % items.length] ?? "");
      keys.push(chain.lot(0, lot).key, chain.caseKey(lot, lot % chain.casesPerLot));
    }
  }
  return keys;
}

const RAW_RESOLVE = "MATCH (o:Obj {key: $key}) RETURN o.key AS key, o.kind AS kind";

/**
 * The baseline's tail: the same lookups through neo4j-driver alone, CONNECTIONS at once for `seconds`, each request
 * timed; its p99/p50 is the store's and driver's own spread under that load, which ours cannot be expected to beat.
 */
async function rawUnderLoad(ctx: BenchContext, keys: string[], seconds: number): Promise<{ p50: number; p99: number }> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const key = keys[next++ % keys.length] ?? "";
      const started = performance.now();
      const session = ctx.driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        await session.executeRead((tx) => tx.run(RAW_RESOLVE, { key }));
      } finally {
        await session.close();
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function codesToResolve(ctx: BenchContext): string[] {
  const codes: string[] = [];
  for (const spec of ctx.datasets) {
    const chain = new SupplyChain(spec.config);
    const step = Math.max(1, Math.floor(spec.config.lots / 150));
    for (let lot = 0; lot < spec.config.lots; lot += step) {
      const items = chain.itemKeys(lot);
      for (let j = 0; j < 5; j++) codes.push(items[(lot * 31 + j * 97) % items.length] ?? "");
      codes.push(chain.lot(0, lot).key, chain.caseKey(lot, lot % chain.casesPerLot));
    }
  }
  // Other accepted spellings: any Digital Link host; case and spaces around are ignored.
  return codes.map((code, i) =>
    i % 3 === 1 ? ` ${code.replace("https://id.gs1.org", "https://example.com")} ` : code,
  );
}

async function run(url: string, codes: string[], seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: BENCH_AUTHORIZATION },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ query: QUERY, variables: { code: codes[next++ % codes.length] } }),
        }),
      },
    ],
  });
}

export async function resolveMeasure(ctx: BenchContext): Promise<MeasureResult> {
  const codes = codesToResolve(ctx);
  const keys = keysToResolve(ctx);
  const seconds = ctx.mode === "quick" ? 6 : 20;
  await run(ctx.ours.url, codes, 3);
  await rawUnderLoad(ctx, keys, 3);
  const runs: { p50: number; p99: number; rps: number; errors: number; rawP50: number; rawP99: number }[] = [];
  // Ours and the raw driver in turn, run after run, under the same concurrency and for the same time.
  for (let i = 0; i < Math.max(5, ctx.reps.runs - 2); i++) {
    const result = await run(ctx.ours.url, codes, seconds);
    const raw = await rawUnderLoad(ctx, keys, seconds);
    runs.push({
      p50: result.latency.p50,
      p99: result.latency.p99,
      rps: result.requests.average,
      errors: result.errors + result.non2xx,
      rawP50: round(raw.p50) ?? 0,
      rawP99: round(raw.p99) ?? 0,
    });
  }
  const p50 = median(runs.map((r) => r.p50));
  const p99 = median(runs.map((r) => r.p99));
  const rawP50 = median(runs.map((r) => r.rawP50));
  const rawP99 = median(runs.map((r) => r.rawP99));
  const rps = median(runs.map((r) => r.rps));
  const errors = runs.reduce((sum, r) => sum + r.errors, 0);
  ctx.absolute.resolveCode = {
    requestsPerSecond: round(rps),
    p50Ms: round(p50),
    p99Ms: round(p99),
    rawDriverP50Ms: round(rawP50),
    rawDriverP99Ms: round(rawP99),
    connections: CONNECTIONS,
    secondsPerRun: seconds,
    runs: runs.length,
    errors,
  };
  ctx.log(
    `  resolveCode: ${rps.toFixed(0)} req/s, p50 ${p50} ms, p99 ${p99} ms, errors ${errors}; raw driver p50 ${rawP50} ms, p99 ${rawP99} ms`,
  );
  return measureResult(
    "resolve.http.p99_over_p50",
    {
      ours: p99 / p50,
      baseline: rawP99 / rawP50,
      unit: "p99 / p50 (ours over HTTP; baseline: the raw driver under the same load)",
      scale: ctx.mode,
      runs: runs.length,
    },
    {
      note: `${CONNECTIONS} concurrent requests, ${runs.length} runs of ${seconds} s per side after a 3 s warm-up, in turn: ours by autocannon over HTTP (p50 ${p50} ms, p99 ${p99} ms, ${round(rps)} requests/s, ${errors} errors), the baseline the same lookups by neo4j-driver alone (p50 ${round(rawP50)} ms, p99 ${round(rawP99)} ms); ratio = our tail spread over the store's own`,
      details: { runs },
    },
  );
}
