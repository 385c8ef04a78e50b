import { createApplication } from "../../src/root/composition-root.js";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/server/app.js";
import { buildAppSchema } from "../../src/server/schema.js";
import { loadConfig } from "../../src/root/config.js";
import { authFetch, TEST_ADMIN_API_KEY } from "../support/test-credentials.js";

/**
 * A second, small local Neo4j of our own (own port and data directory) that this test stops and starts while the
 * server runs, as an operator restarting the database would. Not the benchmarks' ports (7698/7699): a bench running
 * beside the tests would be taken for this test's database.
 */
const env = {
  ...process.env,
  NEO4J_BOLT_PORT: "7732",
  NEO4J_DATA_DIR: ".neo4j-data/recovery-test",
  NEO4J_HEAP_MB: "512",
  NEO4J_PAGECACHE_MB: "64",
};
const db = (command: "start" | "stop") => {
  const result = spawnSync(process.execPath, ["scripts/db.mjs", command], { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`db ${command} failed: ${result.stderr}`);
  return result.stdout;
};
const launcherPid = () => readFileSync(`${env.NEO4J_DATA_DIR}/launcher.pid`, "utf8").trim();

describe("server while Neo4j stops and comes back", () => {
  const config = loadConfig({
    NEO4J_URI: "bolt://127.0.0.1:7732",
    LOG_LEVEL: "silent",
    ADMIN_API_KEY: TEST_ADMIN_API_KEY,
  });
  const application = createApplication({ config, queryTimeoutMs: 10_000 });
  let app: App;
  let base: string;

  beforeAll(async () => {
    db("start");
    await application.readiness.ensureMigrated();
    app = await createApp(application.services, await buildAppSchema(), application.readiness, {
      authenticator: await application.authenticator(),
    });
    await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  }, 240_000);

  afterAll(async () => {
    await app?.apollo.stop();
    await application.close();
    db("stop");
  }, 120_000);

  const query = async () => {
    const res = await authFetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ organization(id: "uscc:91350100M000100Y43") { id } }` }),
    });
    return (await res.json()) as { errors?: { extensions: { code: string } }[] };
  };

  it("reuses the running Neo4j when db:start is called again", () => {
    const pid = launcherPid();
    expect(db("start")).toContain("already running");
    expect(launcherPid()).toBe(pid);
    expect(() => process.kill(Number(pid), 0)).not.toThrow();
  });

  it("goes 503 and SERVICE_UNAVAILABLE while Neo4j is down, and recovers by itself", async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await query()).errors).toBeUndefined();

    db("stop");
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await query()).errors?.[0]?.extensions.code).toBe("SERVICE_UNAVAILABLE");

    db("start");
    let status = 0;
    for (let attempt = 0; attempt < 60 && status !== 200; attempt++) {
      status = (await fetch(`${base}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(status).toBe(200);
    expect((await query()).errors).toBeUndefined();
  }, 240_000);
});
