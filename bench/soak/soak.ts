import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDb, launcherPid, processMemory, startBenchDb, stopBenchDb, type BenchDb } from "../lib/bench-db.js";
import { closeHttpAgent } from "../lib/http-client.js";
import { RESULTS_DIR } from "../lib/paths.js";
import { startOurServer, type RunningServer } from "../lib/servers.js";
import {
  SoakRecorder,
  growthText,
  markdown,
  memoryGrowth,
  minuteLine,
  verdict,
  type MinuteReport,
  type SoakReport,
} from "./report.js";
import { seedSoakData } from "./seed.js";
import { createWorkload, runClient } from "./workload.js";

/**
 * npm run soak -- --minutes N --concurrency C [--seed S]
 *
 * Starts (or reuses) the soak's own Neo4j (bolt://127.0.0.1:7751, .neo4j-data/soak), our compiled server as a child
 * process, seeds a small chain through the API, then runs C loopback clients for N minutes, printing throughput,
 * p50/p99 and errors by kind and the server's RSS every minute. Writes bench/results/soak-<date>-<N>min-c<C>.{json,md}
 * and exits 1 when any request failed or the server's RSS grew more than 10 % after warm-up (2 on Ctrl-C).
 */
interface SoakArgs {
  minutes: number;
  concurrency: number;
  seed: number;
}

function parseSoakArgs(argv: readonly string[]): SoakArgs {
  const number = (name: string, fallback?: number) => {
    const at = argv.indexOf(`--${name}`);
    const raw =
      argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? (at >= 0 ? argv[at + 1] : undefined);
    const parsed = raw === undefined ? fallback : Number(raw);
    if (parsed === undefined) throw new Error(`--${name} is required`);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive whole number`);
    return parsed;
  };
  return { minutes: number("minutes"), concurrency: number("concurrency"), seed: number("seed", 20240301) };
}

const log = (line: string) => console.log(line);
/** Waits `ms`, or less when the run is interrupted. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener("abort", done);
  });
}

/** Runs the clients for the given minutes (or until interrupted), one report per minute. */
async function soak(
  args: SoakArgs,
  server: RunningServer,
  db: BenchDb,
  recorder: SoakRecorder,
  run: ReturnType<typeof createWorkload>,
  interrupt: AbortSignal,
): Promise<MinuteReport[]> {
  let stopped = false;
  const clients = Array.from({ length: args.concurrency }, (_, i) => runClient(run, i, () => stopped));
  const memory = () => ({
    serverRssMb: processMemory(server.pid)?.rssMb ?? null,
    neo4jRssMb: processMemory(launcherPid(db) ?? 0)?.rssMb ?? null,
  });
  const reports: MinuteReport[] = [];
  const started = performance.now();
  let minuteStarted = started;
  for (let minute = 1; minute <= args.minutes && !interrupt.aborted; minute++) {
    await sleep(started + minute * 60_000 - performance.now(), interrupt);
    // The last minute also waits for the requests in flight, so every one is counted.
    if (minute === args.minutes || interrupt.aborted) {
      stopped = true;
      await Promise.all(clients);
    }
    const now = performance.now();
    const report = recorder.takeMinute(minute, (now - minuteStarted) / 1000, memory());
    minuteStarted = now;
    reports.push(report);
    log(minuteLine(report, args.minutes));
  }
  return reports;
}

async function main(): Promise<number> {
  const args = parseSoakArgs(process.argv.slice(2));
  const command = `npm run soak -- --minutes ${args.minutes} --concurrency ${args.concurrency} --seed ${args.seed}`;
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupt.signal.aborted) return;
    log(`[soak] ${signal}: stopping the clients, then the server and the Neo4j this run started`);
    interrupt.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg().map((v) => Math.round(v * 100) / 100);
  const db = benchDb("soak");
  log(`[soak] Neo4j on ${db.uri} (${db.dataDir}), heap ${db.heapMb} MiB, page cache ${db.pageCacheMb} MiB`);
  const startedDb = startBenchDb(db);
  let server: RunningServer | undefined;
  try {
    server = await startOurServer(db);
    log(`[soak] server ${server.url} (pid ${server.pid})`);
    const stamp = Date.now().toString(36);
    const data = await seedSoakData(server.url, stamp, log);
    const recorder = new SoakRecorder();
    const run = createWorkload(server.url, data, recorder, args.seed, stamp);
    log(`[soak] ${args.concurrency} clients for ${args.minutes} min`);
    const perMinute = await soak(args, server, db, recorder, run, interrupt.signal);

    const seconds = perMinute.reduce((sum, m) => sum + m.seconds, 0);
    const wholeRun = recorder.wholeRun(seconds);
    const memory = memoryGrowth(perMinute);
    const interrupted = interrupt.signal.aborted;
    const report: SoakReport = {
      command,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      minutes: args.minutes,
      concurrency: args.concurrency,
      seed: args.seed,
      interrupted,
      machine: {
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        node: process.version,
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
      },
      dataset: data.counts,
      perMinute,
      wholeRun,
      memory,
      errorSamples: recorder.errorSamples,
      failures: verdict(wholeRun.total.errors, memory, interrupted),
    };
    const base = path.join(
      RESULTS_DIR,
      `soak-${startedAt.toISOString().slice(0, 10)}-${args.minutes}min-c${args.concurrency}`,
    );
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${base}.md`, markdown(report));
    const t = wholeRun.total;
    log(
      `[soak] ${t.requests} requests, ${t.perSecond.toFixed(1)} req/s, p50 ${t.p50Ms.toFixed(1)} ms, ` +
        `p99 ${t.p99Ms.toFixed(1)} ms, ${t.errors} errors; ${growthText(memory)}`,
    );
    for (const sample of recorder.errorSamples.slice(0, 5)) log(`[soak]   ${sample}`);
    log(`[soak] ${report.failures.length ? `RED: ${report.failures.join("; ")}` : "GREEN"}; wrote ${base}.{json,md}`);
    if (interrupted) return 2;
    return report.failures.length ? 1 : 0;
  } finally {
    await server?.stop();
    closeHttpAgent();
    if (startedDb) stopBenchDb(db);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
