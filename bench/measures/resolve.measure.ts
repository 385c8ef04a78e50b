import autocannon from "autocannon";
import { SupplyChain } from "../generate/supply-chain.js";
import type { BenchContext } from "../lib/context.js";
import { BENCH_AUTHORIZATION } from "../lib/http-client.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { median } from "../lib/stats.js";

/**
 * resolve.http: resolveCode over HTTP at concurrency 16 (autocannon) against the real server on loopback, bounded
 * runs, rotating through a thousand codes of both datasets in several spellings. Ratio = p99 / p50: how much worse
 * the slow tail is than the typical request under load. Latencies are autocannon's (per request, in ms).
 */
const CONNECTIONS = 16;
const QUERY = "query Resolve($code: String!) { resolveCode(code: $code) { key kind } }";

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
  const seconds = ctx.mode === "quick" ? 6 : 20;
  await run(ctx.ours.url, codes, 3);
  const runs: { p50: number; p99: number; rps: number; errors: number }[] = [];
  for (let i = 0; i < Math.max(5, ctx.reps.runs - 2); i++) {
    const result = await run(ctx.ours.url, codes, seconds);
    runs.push({
      p50: result.latency.p50,
      p99: result.latency.p99,
      rps: result.requests.average,
      errors: result.errors + result.non2xx,
    });
  }
  const p50 = median(runs.map((r) => r.p50));
  const p99 = median(runs.map((r) => r.p99));
  const rps = median(runs.map((r) => r.rps));
  const errors = runs.reduce((sum, r) => sum + r.errors, 0);
  ctx.absolute.resolveCode = {
    requestsPerSecond: round(rps),
    p50Ms: round(p50),
    p99Ms: round(p99),
    connections: CONNECTIONS,
    secondsPerRun: seconds,
    runs: runs.length,
    errors,
  };
  ctx.log(`  resolveCode: ${rps.toFixed(0)} req/s, p50 ${p50} ms, p99 ${p99} ms, errors ${errors}`);
  return measureResult(
    "resolve.http.p99_over_p50",
    { ours: p99, baseline: p50, unit: "ms (ours = p99, baseline = p50)", scale: ctx.mode, runs: runs.length },
    {
      note: `autocannon, ${CONNECTIONS} connections, ${runs.length} runs of ${seconds} s after a 3 s warm-up; ${round(rps)} requests/s; ${errors} errors`,
      details: { runs },
    },
  );
}
