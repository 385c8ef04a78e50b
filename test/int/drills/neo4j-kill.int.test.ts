import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplication, type Application } from "../../../src/root/composition-root.js";
import { loadConfig } from "../../../src/root/config.js";
import type { Executor } from "../../../src/graph/executor.js";
import { query } from "../../../src/graph/query.js";
import { writeEventStream } from "../../support/epcis-stream.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { TEST_ADMIN_API_KEY } from "../../support/test-credentials.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { cableBatch, cableProduct } from "../producer/producer-fixtures.js";
import {
  DrillServer,
  aggregationDocument,
  batchCodes,
  drillQueue,
  isAlive,
  jobState,
  postCapture,
  postIssue,
  serverGql,
  until,
  waitForJobEnd,
  writtenWhenVisible,
} from "./drill-support.js";

/**
 * kill -9 of Neo4j in the middle of jobs, on a small Neo4j of this drill's own (own Bolt port and data directory,
 * started and stopped here): the server's jobs fail their step while it is down, are retried from their checkpoints
 * once it is back (recovered from its transaction log), and end with every acknowledged item written exactly once.
 */
const BOLT_PORT = "7731";
const env = {
  ...process.env,
  NEO4J_URI: "",
  NEO4J_BOLT_PORT: BOLT_PORT,
  NEO4J_DATA_DIR: `.neo4j-data/drill-${BOLT_PORT}`,
  NEO4J_HEAP_MB: "512",
  NEO4J_PAGECACHE_MB: "64",
};
const db = (command: "start" | "stop") => {
  const result = spawnSync(process.execPath, ["scripts/db.mjs", command], { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`db ${command} failed: ${result.stderr}${result.stdout}`);
};
const killNeo4j = () => {
  const pid = Number(readFileSync(`${env.NEO4J_DATA_DIR}/launcher.pid`, "utf8").trim());
  process.kill(pid, "SIGKILL");
  return pid;
};

/** Events of one import run, by their eventIDs (`urn:uuid:{runId}-{i}`), through the unique index. */
async function eventsOf(executor: Executor, runId: string): Promise<number> {
  const ids = Array.from({ length: EVENTS }, (_, i) => `urn:uuid:${runId}-${i}`);
  const rows = await executor.read(
    query("test.drill.importEvents", "UNWIND $ids AS id MATCH (e:Event {eventId: id}) RETURN count(e) AS n", { ids }),
  );
  return Number(rows[0]?.n ?? 0);
}

const EVENTS = 20_000;

describe("drill: kill -9 of Neo4j in the middle of jobs and of an import", { timeout: 240_000 }, () => {
  const uri = `bolt://127.0.0.1:${BOLT_PORT}`;
  let application: Application;
  let server: DrillServer | undefined;

  beforeAll(async () => {
    db("start");
    const config = loadConfig({ NEO4J_URI: uri, LOG_LEVEL: "silent", ADMIN_API_KEY: TEST_ADMIN_API_KEY });
    application = createApplication({ config });
    await application.migrate();
  }, 240_000);

  afterAll(async () => {
    await server?.dispose();
    await application?.close();
    db("stop");
  }, 120_000);

  it("resumes a capture and an issuance after Neo4j is killed and restarted: each written exactly once", async () => {
    server = await DrillServer.start("server", {
      queue: drillQueue(),
      env: {
        NEO4J_URI: uri,
        ISSUE_INLINE_LIMIT: "1000",
        ISSUE_CHUNK_SIZE: "1000",
        JOB_CONCURRENCY: "2",
        JOB_MAX_ATTEMPTS: "50",
        QUERY_TIMEOUT_MS: "20000",
      },
    });
    const maker = randomUscc("441900");
    const suffix = uniqueSuffix();
    await serverGql(server, `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`, {
      input: {
        id: maker,
        name: `粤缆 ${suffix}`,
        roles: ["MANUFACTURER"],
        regionCode: "441900",
        authorizedRegions: [],
      },
    });
    const { registerProduct } = await serverGql<{ registerProduct: { id: string } }>(
      server,
      `mutation($input: ProductInput!) { registerProduct(input: $input) { id } }`,
      { input: cableProduct(maker, "PER_ITEM", { id: `neo4j-drill-${suffix}` }) },
    );
    const { createBatch } = await serverGql<{ createBatch: { id: string } }>(
      server,
      `mutation($input: BatchInput!) { createBatch(input: $input) { id } }`,
      { input: cableBatch(registerProduct.id, "KILL9") },
    );

    const issue = await postIssue(server, createBatch.id, 8_000);
    const { document, ids } = aggregationDocument(suffix, 6_000);
    const capture = await postCapture(server, document);
    const { executor } = application;
    await until("the issuance to be midway", async () => {
      const job = await jobState(issue, executor);
      return job.done >= 1_000 && job.done < 8_000 ? true : undefined;
    });
    const t0 = Date.now();
    const killed = killNeo4j();
    await until("the killed Neo4j to be gone", async () => (isAlive(killed) ? undefined : true));
    await new Promise((r) => setTimeout(r, 1_000));
    // Recovery from the transaction log; a start that loses a race with the dead one's last breath is tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        db("start");
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }

    const restartedAfter = Date.now() - t0;
    const [issued, captured] = await Promise.all([
      waitForJobEnd(issue, 120_000, executor),
      waitForJobEnd(capture, 120_000, executor),
    ]);
    console.info(`Neo4j back after ${restartedAfter} ms; both jobs done ${Date.now() - t0} ms after the kill`);
    expect(issued).toMatchObject({ status: "DONE", done: 8_000 });
    expect(captured).toMatchObject({ status: "DONE", accepted: 6_000, duplicates: 0 });
    expect(await batchCodes(createBatch.id, executor)).toEqual({ codeCount: 8_000, codes: 8_000, distinct: 8_000 });
    expect(await writtenWhenVisible(ids, executor)).toEqual({ events: 6_000, edges: 6_000 });
  });
  it("an import killed with its Neo4j and run again ends with every event exactly once", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tracegraph-kill-import-"));
    try {
      const runId = uniqueSuffix();
      const file = path.join(dir, "events.ndjson");
      const keys = await writeEventStream(file, EVENTS, runId);
      const importEnv = { ...env, NEO4J_URI: uri, LOG_LEVEL: "warn" };
      const first = spawn("node_modules/.bin/tsx", ["src/cli/import.ts", "--batch", "500", file], {
        env: importEnv,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let firstLog = "";
      first.stderr.on("data", (chunk: Buffer) => (firstLog = (firstLog + chunk.toString()).slice(-4_000)));
      const exited = new Promise<number | null>((resolve) => first.on("exit", (code) => resolve(code)));
      const { executor } = application;
      const written = () => eventsOf(executor, runId);
      await until("the import to be midway", async () => {
        const n = await written();
        return n >= 2_000 && n < EVENTS ? true : undefined;
      });
      const killed = killNeo4j();
      await until("the killed Neo4j to be gone", async () => (isAlive(killed) ? undefined : true));
      // The import fails fast while its database is away; it is the operator's to run again.
      const code = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 90_000))]);
      if (code === "hung") first.kill("SIGKILL");
      expect(code, firstLog).not.toBe(0);
      await new Promise((r) => setTimeout(r, 1_000));
      for (let attempt = 1; ; attempt++) {
        try {
          db("start");
          break;
        } catch (error) {
          if (attempt === 3) throw error;
          await new Promise((r) => setTimeout(r, 2_000));
        }
      }
      // Counted once the test's own driver is through with the outage (its circuit breaker may still be open).
      const kept = await until("the events kept to be countable", async () => {
        try {
          return await written();
        } catch {
          return undefined;
        }
      });
      const again = spawnSync("node_modules/.bin/tsx", ["src/cli/import.ts", "--batch", "500", file], {
        env: importEnv,
        encoding: "utf8",
        timeout: 180_000,
      });
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).toMatch(
        new RegExp(`${EVENTS} events read, ${EVENTS - kept} captured, ${kept} duplicates, 0 rejected`),
      );
      // Every event once (eventID is unique), and every object once under its canonical key.
      expect(await written()).toBe(EVENTS);
      const rows = await executor.read(
        query("test.drill.importObjects", "UNWIND $keys AS key MATCH (o:Obj {key: key}) RETURN count(o) AS found", {
          keys: [...keys],
        }),
      );
      expect(Number(rows[0]?.found)).toBe(keys.size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
