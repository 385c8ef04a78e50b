import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplication, type Application } from "../../../src/root/composition-root.js";
import { loadConfig } from "../../../src/root/config.js";
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

describe("drill: kill -9 of Neo4j in the middle of jobs", { timeout: 240_000 }, () => {
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
});
