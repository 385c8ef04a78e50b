import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { BenchDb } from "./bench-db.js";
import { BENCH_ADMIN_API_KEY } from "./http-client.js";
import { PROJECT_ROOT, RESULTS_DIR } from "./paths.js";

/**
 * The two GraphQL servers under test, each in its own process so the load generator never shares their CPU time:
 * ours (src/server/main.ts compiled by `npm run build` and run by node, exactly as `npm start` deploys it) and the
 * @neo4j/graphql baseline in bench/neo4j-graphql.
 */
export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000}s`);
}

function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const log = createWriteStream(path.join(RESULTS_DIR, `${name}.log.tmp`));
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  };
}

/**
 * node's flags for our server, as `npm start` passes them: SERVER_NODE_FLAGS when set (even empty), else package.json's
 * `config.nodeFlags`.
 */
export function serverNodeFlags(): string[] {
  const fromPackage = (
    JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
      config?: { nodeFlags?: string };
    }
  ).config?.nodeFlags;
  const flags = process.env.SERVER_NODE_FLAGS ?? fromPackage ?? "";
  return flags.split(/\s+/).filter(Boolean);
}

let built = false;

/** `npm run build` (tsc) once per bench process, so the server measured is the source as it is now. */
function buildOnce(): void {
  if (built) return;
  const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed: the bench measures the compiled server");
  built = true;
}

/** The environment our server runs with in the bench: the bench's Neo4j, no demo, no rate limits, quiet logs. */
export function ourServerEnv(db: BenchDb, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NEO4J_URI: db.uri,
    NEO4J_USER: db.user,
    NEO4J_PASSWORD: db.password,
    SEED_DEMO: "0",
    // BENCH_SERVER_LOG_LEVEL=debug: every statement with its time, in results/server.log.tmp (slows the server).
    LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? "warn",
    NODE_ENV: "production",
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    // Every request carries this credential; the load generator is one client, so no rate limit may throttle it.
    ADMIN_API_KEY: BENCH_ADMIN_API_KEY,
    RATE_LIMIT_PER_MINUTE: "0",
    PUBLIC_RATE_LIMIT_PER_MINUTE: "0",
    // notify.delivery posts to a receiver on loopback (issue 18).
    WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
  };
}

/**
 * Our server, on loopback, as deployed (compiled JavaScript, no source maps); `cpuProfileDir` starts it under
 * --cpu-prof (the profile is written at exit).
 */
export async function startOurServer(db: BenchDb, cpuProfileDir?: string): Promise<RunningServer> {
  const port = await freePort();
  const env = ourServerEnv(db, port);
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [];
  buildOnce();
  const args = [...serverNodeFlags(), ...profile, path.join("dist", "src", "server", "main.js")];
  const child = startProcess("server", args, env, PROJECT_ROOT);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/readyz`, child, 120_000);
  return { name: "tracegraph", url, pid: child.pid ?? 0, stop: stopper(child) };
}

/** The official @neo4j/graphql library over the same graph (bench/neo4j-graphql/server.mjs). */
export async function startNeo4jGraphqlServer(db: BenchDb): Promise<RunningServer> {
  const port = await freePort();
  const dir = path.join(PROJECT_ROOT, "bench", "neo4j-graphql");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEO4J_URI: db.uri,
    NEO4J_USER: db.user,
    NEO4J_PASSWORD: db.password,
    NODE_ENV: "production",
  };
  const child = startProcess("neo4j-graphql", ["server.mjs"], env, dir);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child, 60_000);
  return { name: "@neo4j/graphql", url, pid: child.pid ?? 0, stop: stopper(child) };
}
