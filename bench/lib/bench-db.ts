import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { PROJECT_ROOT } from "./paths.js";
import { createApplication, type Application } from "../../src/root/composition-root.js";
import { loadConfig } from "../../src/root/config.js";

/**
 * The benchmark's own Neo4j: a second launcher (scripts/db.mjs) with its own port and data directory, so benchmark
 * data never meets the test suite's database. Quick and full runs keep separate stores and ports, so neither ever
 * answers for the other.
 */
export interface BenchDb {
  port: number;
  dataDir: string;
  uri: string;
  user: string;
  password: string;
  heapMb: number;
  pageCacheMb: number;
}

/** `soak` (npm run soak) is a third store: a small dataset, so a quarter of the bench's memory is plenty. */
export type BenchDbMode = "quick" | "full" | "soak";

const DEFAULTS = {
  quick: { port: 7698, heapMb: 4096, pageCacheMb: 4096 },
  full: { port: 7699, heapMb: 4096, pageCacheMb: 4096 },
  soak: { port: 7751, heapMb: 1024, pageCacheMb: 512 },
} as const satisfies Record<BenchDbMode, { port: number; heapMb: number; pageCacheMb: number }>;

export function benchDb(mode: BenchDbMode): BenchDb {
  const defaults = DEFAULTS[mode];
  const port = Number(process.env.BENCH_NEO4J_PORT ?? defaults.port);
  return {
    port,
    dataDir: process.env.BENCH_NEO4J_DATA_DIR ?? `.neo4j-data/${mode === "soak" ? "soak" : `bench-${mode}`}`,
    uri: `bolt://127.0.0.1:${port}`,
    user: "neo4j",
    password: process.env.NEO4J_PASSWORD ?? "tracegraph-local",
    heapMb: Number(process.env.BENCH_NEO4J_HEAP_MB ?? defaults.heapMb),
    pageCacheMb: Number(process.env.BENCH_NEO4J_PAGECACHE_MB ?? defaults.pageCacheMb),
  };
}

function dbScript(db: BenchDb, command: "start" | "stop"): void {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_BOLT_PORT: String(db.port),
    NEO4J_DATA_DIR: db.dataDir,
    NEO4J_HEAP_MB: String(db.heapMb),
    NEO4J_PAGECACHE_MB: String(db.pageCacheMb),
    NEO4J_TX_TIMEOUT_S: "600",
  };
  delete env.NEO4J_URI;
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "scripts", "db.mjs"), command], {
    cwd: PROJECT_ROOT,
    env,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`scripts/db.mjs ${command} failed for the bench Neo4j on port ${db.port}`);
}

/** Starts the bench Neo4j (idempotent); true when this call started it. */
export function startBenchDb(db: BenchDb): boolean {
  const wasRunning = launcherPid(db) !== undefined;
  dbScript(db, "start");
  return !wasRunning;
}

export function stopBenchDb(db: BenchDb): void {
  dbScript(db, "stop");
}

export function benchDriver(db: BenchDb): Driver {
  return neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password), {
    maxTransactionRetryTime: 60_000,
    userAgent: "tracegraph-bench/0.1",
  });
}

/** The launcher's pid from its pid file, when that process is alive. */
export function launcherPid(db: BenchDb): number | undefined {
  const file = path.resolve(PROJECT_ROOT, db.dataDir, "launcher.pid");
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}`) ? pid : undefined;
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; undefined when it is gone. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Resident set (now) and its high-water mark (since the process started), in MiB, from /proc/<pid>/status. */
export function processMemory(pid: number): { rssMb: number; peakRssMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMb: kb("VmRSS") / 1024, peakRssMb: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

/** Our side of a measure, from the same composition root as the server, pointed at the bench's own store. */
export function benchApplication(db: BenchDb, queryTimeoutMs: number): Application {
  return createApplication({
    config: loadConfig({ ...process.env, NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password, LOG_LEVEL: "silent" }),
    queryTimeoutMs,
  });
}
