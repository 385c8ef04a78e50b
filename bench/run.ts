import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Executor } from "../src/graph/executor.js";
import { query } from "../src/graph/query.js";
import { datasets, type DatasetSpec } from "./generate/datasets.js";
import { prepareSchema, recordedLoads } from "./generate/load.js";
import { SupplyChain } from "./generate/supply-chain.js";
import { parseArgs } from "./lib/args.js";
import { benchDb, benchDriver, launcherPid, stopBenchDb, benchApplication } from "./lib/bench-db.js";
import { prepareStore } from "./lib/prepare-store.js";
import type { BenchContext } from "./lib/context.js";
import { closeHttpAgent, postJson } from "./lib/http-client.js";
import { machineInfo } from "./lib/machine.js";
import { MemorySampler } from "./lib/memory.js";
import { PROJECT_ROOT, RESULTS_DIR } from "./lib/paths.js";
import { PROFILE_DIR, summariseCpuProfile } from "./lib/profile.js";
import { writeReport } from "./lib/report.js";
import { MEASURE_NAMES, measureResult, type MeasureResult } from "./lib/results.js";
import { startNeo4jGraphqlServer, startOurServer, type RunningServer } from "./lib/servers.js";
import { codesMeasure } from "./measures/codes.measure.js";
import { diversionMeasure } from "./measures/diversion.measure.js";
import {
  codesCsvMeasure,
  codesMillionMeasure,
  labelsPdfMeasure,
  recallCsvMeasure,
} from "./measures/exports.measure.js";
import { ingestMeasure } from "./measures/ingest.measure.js";
import { notifyMeasure } from "./measures/notify.measure.js";
import { nestedMeasures, type ChartPoint } from "./measures/nested.measure.js";
import { writeCypherProfiles } from "./measures/profiles.js";
import { recallMeasure } from "./measures/recall.measure.js";
import { resolveMeasure } from "./measures/resolve.measure.js";
import { SCOPED_MEASURES, scopedMeasure } from "./measures/scoped.measure.js";
import { traceMeasure } from "./measures/trace.measure.js";
import { warmUp } from "./measures/warm-up.js";

/**
 * npm run bench [-- --quick] [--seed N] [--only trace,nested] [--profile] [--keep-db] [--fresh]
 *
 * Starts the bench's own Neo4j, loads the seeded datasets through the product's ingestion path (once; later runs
 * reuse them), starts our server and the @neo4j/graphql baseline as child processes, runs every measure with its
 * baseline interleaved, and writes bench/results/latest.{json,md}, latest-absolute.json, the chart and profiles.
 */
const log = (line: string) => console.log(line);

function ensureNeo4jGraphqlInstalled(): void {
  const dir = path.join(PROJECT_ROOT, "bench", "neo4j-graphql");
  if (existsSync(path.join(dir, "node_modules", "@neo4j", "graphql"))) return;
  log("[bench] installing the @neo4j/graphql baseline (npm ci --prefix bench/neo4j-graphql)");
  const result = spawnSync("npm", ["ci", "--prefix", dir, "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm ci for bench/neo4j-graphql failed");
}

/**
 * Which optional operations our schema has. Introspection is off in production, so each field is probed with an
 * operation that names it without arguments or selection: validation fails either way (nothing runs), with
 * "Cannot query field" only when the field does not exist.
 */
const PROBED_FIELDS = [
  "captureEpcis",
  "registerProduct",
  "createBatch",
  "issueCodes",
  "recordScan",
  "upsertOrganization",
];

async function schemaFields(url: string): Promise<Set<string>> {
  const present = new Set<string>();
  for (const field of PROBED_FIELDS) {
    const response = await postJson(`${url}/graphql`, { query: `mutation Probe { ${field} }` });
    const unknown = response.errors?.some((e) => e.message.includes(`Cannot query field "${field}"`)) ?? true;
    if (!unknown) present.add(field);
  }
  return present;
}

function wanted(only: string[], name: string): boolean {
  return only.length === 0 || only.some((o) => name.startsWith(o) || name.includes(o));
}

async function guarded(
  name: string,
  unit: string,
  ctx: BenchContext,
  work: () => Promise<MeasureResult | MeasureResult[]>,
) {
  ctx.log(`[bench] ${name}`);
  const started = performance.now();
  try {
    const result = await work();
    ctx.log(`[bench] ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    ctx.log(`[bench] ${name} failed: ${(error as Error).stack ?? String(error)}`);
    return [
      measureResult(
        name,
        { ours: null, baseline: null, unit, scale: ctx.mode, runs: 0 },
        { note: `failed: ${(error as Error).message}` },
      ),
    ];
  }
}

async function main(): Promise<void> {
  // The baselines' client runs here, under tsx: no source-map cost on the stacks neo4j-driver captures per query.
  process.setSourceMapsEnabled(false);
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const stamp = started.toString(36).toUpperCase().slice(-7);
  log(`[bench] ${args.mode} run, seed ${args.seed}, stamp ${stamp}`);
  ensureNeo4jGraphqlInstalled();
  const db = benchDb(args.mode);
  const specs = datasets(args.mode, args.seed, args.lots);
  await prepareStore(db, specs, args, log);
  const driver = benchDriver(db);
  // Ours starts from the composition root, like the server; the raw baselines keep their own driver.
  const application = benchApplication(db, 600_000);
  const executor = application.executor;
  const memory = new MemorySampler();
  memory.watch("neo4j", launcherPid(db));
  const machine = await machineInfo(driver);
  const servers: RunningServer[] = [];
  const cpuProfileDir = path.join(RESULTS_DIR, "cpu-profile.tmp");
  try {
    await prepareSchema(executor);
    const data = await dataFigures(executor);
    log(`[bench] data: ${JSON.stringify(data)}`);

    if (args.profile) {
      rmSync(cpuProfileDir, { recursive: true, force: true });
      mkdirSync(cpuProfileDir, { recursive: true });
    }
    const ours = await startOurServer(db, args.profile ? cpuProfileDir : undefined);
    servers.push(ours);
    memory.watch("ourServer", ours.pid);
    let neo4jGraphql: RunningServer | undefined;
    try {
      neo4jGraphql = await startNeo4jGraphqlServer(db);
      servers.push(neo4jGraphql);
      memory.watch("neo4jGraphqlServer", neo4jGraphql.pid);
    } catch (error) {
      log(`[bench] @neo4j/graphql server did not start: ${(error as Error).message}`);
    }
    const roots = { tree: rootsOf(specs, "tree"), dag: rootsOf(specs, "dag") };
    const makerKey = await application.services.apiKeys.create({
      organizationId: roots.dag.productLotMaker,
      role: "MANUFACTURER",
      name: `bench ${stamp}`,
    });
    // The operator's reads go through an API key of its own (ADMIN reads everything, whatever its organisation), so
    // both sides of a scoped comparison pay the same credential lookup and the ratio is the visibility's cost alone.
    const adminKey = await application.services.apiKeys.create({
      organizationId: roots.dag.productLotMaker,
      role: "ADMIN",
      name: `bench operator ${stamp}`,
    });
    const ctx: BenchContext = {
      mode: args.mode,
      db,
      driver,
      executor,
      services: application.services,
      ours,
      makerAuthorization: `Bearer ${makerKey.key}`,
      adminKeyAuthorization: `Bearer ${adminKey.key}`,
      neo4jGraphql,
      datasets: specs,
      roots,
      reps: args.mode === "quick" ? { warmup: 2, runs: 7 } : { warmup: 3, runs: 11 },
      capabilities: await schemaFields(ours.url),
      seed: args.seed,
      stamp,
      absolute: {},
      log,
    };
    log(
      `[bench] ingestion paths: captureEpcis ${ctx.capabilities.has("captureEpcis")}, issueCodes ${ctx.capabilities.has("issueCodes")}, recordScan ${ctx.capabilities.has("recordScan")}`,
    );

    // A --profile run skips it, so the CPU profile holds the measured requests only.
    // Every read root walked on both sides, over and over: JIT, plan caches and page cache warm (a quick run's store
    // is 0.6 M relationships: 15 s is about 30 passes over every root).
    const settle = args.profile ? 0 : args.mode === "quick" ? 15 : 60;
    log(`[bench] settling for ${settle} s (both sides, every read root) before the first measure`);
    log(`[bench] ${await warmUp(ctx, settle)} warm-up passes`);
    const measures: MeasureResult[] = [];
    let chart: ChartPoint[] = [];
    const run = async (name: string, unit: string, work: () => Promise<MeasureResult | MeasureResult[]>) => {
      if (wanted(args.only, name)) measures.push(...(await guarded(name, unit, ctx, work)));
    };
    // Reads first, on the loaded graph; then the measures that write.
    await run("trace.downstream.latency_vs_raw_cypher", "ms (p50)", () => traceMeasure(ctx, "DOWNSTREAM"));
    await run("trace.upstream.latency_vs_raw_cypher", "ms (p50)", () => traceMeasure(ctx, "UPSTREAM"));
    await run("recall.impact.latency_vs_raw_cypher", "ms (p50)", () => recallMeasure(ctx));
    for (const name of SCOPED_MEASURES) await run(name, "ms (p50)", () => scopedMeasure(ctx, name));
    await run("nested", "ms (p50)", async () => {
      const nested = await nestedMeasures(ctx);
      chart = nested.chart;
      return nested.results;
    });
    // The load test reads too: it runs before the write measures, whose flushes would otherwise land in its tail.
    await run("resolve.http.p99_over_p50", "ms", () => resolveMeasure(ctx));
    await run("diversion.scan.latency_vs_raw_cypher", "ms (p50)", () => diversionMeasure(ctx));
    await run("ingest.epcis.throughput_vs_raw_unwind", "events/s", () => ingestMeasure(ctx));
    await run("codes.issue.throughput_vs_raw_unwind", "codes/s", () => codesMeasure(ctx));
    // Issue 19: a million codes through the job, then the exports of that batch (and of small ones, for memory).
    await run("codes.issue.million_s", "s", () => codesMillionMeasure(ctx));
    await run("export.codes_csv.codes_per_s", "codes/s", () => codesCsvMeasure(ctx));
    await run("export.labels_pdf.labels_per_s", "labels/s", () => labelsPdfMeasure(ctx));
    await run("export.recall_csv.million_rows_s", "s", () => recallCsvMeasure(ctx));
    await run("notify.delivery.p95_ms", "ms (p95)", () => notifyMeasure(ctx));
    measures.sort((a, b) => MEASURE_NAMES.indexOf(a.name) - MEASURE_NAMES.indexOf(b.name));

    log("[bench] PROFILE plans of ours and the baselines");
    const profiles = await writeCypherProfiles(ctx).catch((error: unknown) => {
      log(`[bench] profiling failed: ${String(error)}`);
      return [] as string[];
    });
    memory.sample();
    for (const server of servers.splice(0)) await server.stop();
    if (args.profile) {
      const summary = summariseCpuProfile(cpuProfileDir);
      if (summary) {
        const file = path.join(PROFILE_DIR, `${args.mode}-server-cpu.txt`);
        writeFileSync(file, summary);
        profiles.push(file);
      }
    }
    machine.loadAverageAtEnd = os.loadavg().map((v) => Math.round(v * 100) / 100);
    const absolute = { ...ctx.absolute, loads: await recordedLoads(executor) };
    writeReport(
      {
        startedAt: new Date(started).toISOString(),
        minutes: (Date.now() - started) / 60_000,
        mode: args.mode,
        seed: args.seed,
        machine,
        data,
        measures,
        chart,
        absolute,
        memory: memory.finish(),
        profiles,
      },
      args.only.length > 0,
    );
    const written = args.only.length > 0 ? "latest.*.partial.tmp (a partial run)" : "latest.{json,md}";
    log(
      `[bench] wrote ${path.relative(PROJECT_ROOT, RESULTS_DIR)}/${written} in ${((Date.now() - started) / 60_000).toFixed(1)} min`,
    );
    for (const m of measures)
      log(
        `  ${m.name.padEnd(42)} ours ${String(m.ours).padStart(10)}  baseline ${String(m.baseline).padStart(10)}  ratio ${String(m.ratio).padStart(7)}  ${m.goal}  ${m.met === null ? "n/a" : m.met ? "met" : "MISSED"}`,
      );
  } finally {
    for (const server of servers) await server.stop();
    closeHttpAgent();
    await application.close();
    await driver.close();
    if (!args.keepDb) stopBenchDb(db);
  }
}

function rootsOf(specs: DatasetSpec[], variant: "tree" | "dag") {
  const spec = specs.find((s) => s.variant === variant);
  if (!spec) throw new Error(`no ${variant} dataset`);
  return new SupplyChain(spec.config).roots();
}

async function dataFigures(executor: Executor): Promise<Record<string, number>> {
  const [counts] = await executor.read(
    query(
      "bench.dataFigures",
      `CALL () { MATCH (n) RETURN count(n) AS nodes }
            CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
            CALL () { MATCH (o:Obj) WHERE o.kind = "ITEM" RETURN count(o) AS items }
            CALL () { MATCH (e:Event) RETURN count(e) AS events }
            RETURN nodes, relationships, items, events`,
    ),
  );
  return {
    nodes: Number(counts?.nodes ?? 0),
    relationships: Number(counts?.relationships ?? 0),
    items: Number(counts?.items ?? 0),
    events: Number(counts?.events ?? 0),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
