#!/usr/bin/env node
// Local Neo4j for development and CI: builds the Maven launcher in neo4j/ when needed, starts it in the background,
// waits until Bolt answers, and stops it again. With NEO4J_URI set, nothing local is touched.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const launcherDir = path.join(root, "neo4j");
const dataDir = path.resolve(root, process.env.NEO4J_DATA_DIR ?? ".neo4j-data");
const pidFile = path.join(dataDir, "launcher.pid");
const logFile = path.join(dataDir, "launcher.log");
const port = Number(process.env.NEO4J_BOLT_PORT ?? 7687);
const password = process.env.NEO4J_PASSWORD ?? "tracegraph-local";

// The flags Neo4j's own start scripts pass on Java 17 (server.jvm.additional in neo4j.conf).
const jvmFlags = [
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/java.lang=ALL-UNNAMED",
  "--add-opens=java.base/java.util=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
  "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
  "-XX:+UseG1GC",
  "-XX:-OmitStackTraceInFastThrow",
  "-XX:+UnlockExperimentalVMOptions",
  "-XX:+TrustFinalNonStaticFields",
  "-XX:+DisableExplicitGC",
  "-Djdk.nio.maxCachedBufferSize=1024",
  "-Dio.netty.tryReflectionSetAccessible=true",
  "-Dlog4j2.disable.jmx=true",
];

// NEO4J_JVM_FLAGS: further JVM flags, space-separated, after the ones above (later flags win); for experiments.
const extraJvmFlags = (process.env.NEO4J_JVM_FLAGS ?? "").split(/\s+/).filter(Boolean);

function log(message) {
  console.log(`[db] ${message}`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildLauncherIfNeeded() {
  const marker = path.join(launcherDir, "target", "classes", "dev", "tracegraph", "neo4j", "Launcher.class");
  const libDir = path.join(launcherDir, "target", "lib");
  const sources = Math.max(
    newestMtime(path.join(launcherDir, "src")),
    statSync(path.join(launcherDir, "pom.xml")).mtimeMs,
  );
  if (existsSync(marker) && existsSync(libDir) && statSync(marker).mtimeMs >= sources) return;
  log("building the Neo4j launcher with Maven (first run downloads Neo4j 5.26 from Maven Central)...");
  const result = spawnSync("mvn", ["-q", "-B", "package", "-DskipTests"], { cwd: launcherDir, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`mvn package failed with exit code ${result.status}`);
}

function readPid() {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portAnswers() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Bolt is ready when a real query succeeds, not merely when the port is open. */
async function boltAnswers() {
  const { default: neo4j } = await import("neo4j-driver");
  const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic("neo4j", password));
  try {
    await driver.executeQuery("RETURN 1");
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

async function waitUntilReady(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pid !== undefined && !isAlive(pid)) {
      throw new Error(`the Neo4j launcher exited during start; see ${logFile}:\n${tail(logFile)}`);
    }
    if ((await portAnswers()) && (await boltAnswers())) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Neo4j did not answer on 127.0.0.1:${port} within ${timeoutMs / 1000}s; see ${logFile}`);
}

function tail(file) {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-30).join("\n") : "";
}

async function start() {
  if (process.env.NEO4J_URI) {
    log(`NEO4J_URI is set (${process.env.NEO4J_URI}); not starting a local Neo4j`);
    return;
  }
  const running = readPid();
  if (running !== undefined && isAlive(running)) {
    await waitUntilReady(running, 120_000);
    log(`Neo4j already running (pid ${running}) on bolt://127.0.0.1:${port}`);
    return;
  }
  if (await portAnswers()) {
    if (await boltAnswers()) {
      log(`a Neo4j is already answering on bolt://127.0.0.1:${port}; using it`);
      return;
    }
    throw new Error(`port ${port} is taken by something that is not our Neo4j; set NEO4J_BOLT_PORT`);
  }
  buildLauncherIfNeeded();
  mkdirSync(dataDir, { recursive: true });
  const out = openSync(logFile, "a");
  const classpath = [path.join(launcherDir, "target", "classes"), path.join(launcherDir, "target", "lib", "*")].join(
    path.delimiter,
  );
  const heapMb = process.env.NEO4J_HEAP_MB ?? "2048";
  const child = spawn(
    "java",
    [
      `-Xms${heapMb}m`,
      `-Xmx${heapMb}m`,
      ...jvmFlags,
      ...extraJvmFlags,
      "-cp",
      classpath,
      "dev.tracegraph.neo4j.Launcher",
    ],
    {
      detached: true,
      stdio: ["ignore", out, out],
      env: {
        ...process.env,
        NEO4J_HOME_DIR: path.join(dataDir, "home"),
        NEO4J_BOLT_PORT: String(port),
        NEO4J_USER_PASSWORD: password,
        NEO4J_PAGECACHE_MB: process.env.NEO4J_PAGECACHE_MB ?? "1024",
        NEO4J_TX_TIMEOUT_S: process.env.NEO4J_TX_TIMEOUT_S ?? "120",
      },
    },
  );
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  log(`starting Neo4j (pid ${child.pid}, heap ${heapMb} MiB), log in ${path.relative(root, logFile)}`);
  await waitUntilReady(child.pid, 180_000);
  log(`Neo4j ready on bolt://127.0.0.1:${port} (user neo4j)`);
}

async function stop() {
  const pid = readPid();
  if (pid === undefined || !isAlive(pid)) {
    log("no local Neo4j running");
    if (existsSync(pidFile)) rmSync(pidFile);
    return;
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 60_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (isAlive(pid)) {
    log(`Neo4j (pid ${pid}) did not stop within 60s; killing it`);
    process.kill(pid, "SIGKILL");
  }
  rmSync(pidFile, { force: true });
  log(`Neo4j (pid ${pid}) stopped`);
}

async function reset() {
  if (!process.argv.includes("--yes")) {
    console.error("[db] db:reset deletes every node in the local database. Run: npm run db:reset -- --yes");
    process.exit(2);
  }
  await stop();
  rmSync(path.join(dataDir, "home"), { recursive: true, force: true });
  log(`wiped ${path.relative(root, path.join(dataDir, "home"))}`);
}

const commands = { start, stop, reset };
const command = commands[process.argv[2]];
if (!command) {
  console.error("usage: node scripts/db.mjs start|stop|reset [--yes]");
  process.exit(2);
}
command().catch((error) => {
  console.error(`[db] ${error.message}`);
  process.exit(1);
});
