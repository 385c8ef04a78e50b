import { spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { authFetch } from "../../support/test-credentials.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  DrillServer,
  aggregationDocument,
  isAlive,
  batchCodes,
  drillQueue,
  itemBatches,
  jobState,
  postCapture,
  postIssue,
  until,
  waitForJobEnd,
  writtenOnce,
  writtenWhenVisible,
} from "./drill-support.js";

/**
 * Fault drills (issue 13): the real server as a child process, killed with SIGKILL or stopped with SIGTERM between
 * acknowledging work and finishing it, then restarted, or raced by a second server. Every acknowledged item must be
 * written exactly once. Issuances run as jobs above 1,000 codes, in checkpoints of 1,000, so the drills stay quick.
 */
const ISSUE_ENV = { ISSUE_INLINE_LIMIT: "1000", ISSUE_CHUNK_SIZE: "1000" };

describe("drills: acknowledged work survives kill -9, SIGTERM and a second server", { timeout: 150_000 }, () => {
  const servers: DrillServer[] = [];
  const start = async (name: string, queue: string, env: Record<string, string> = {}) => {
    const server = await DrillServer.start(name, { queue, env: { ...ISSUE_ENV, ...env } });
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.dispose()));
  });

  it("kill -9 right after a capture's 202: the restarted server writes every event exactly once", async () => {
    const queue = drillQueue();
    const first = await start("first", queue);
    const { document, ids } = aggregationDocument(uniqueSuffix(), 3_000);
    const id = await postCapture(first, document);
    await first.kill9();

    // Killed between the acknowledgement and the write: the job is stored, nothing of it written yet (one transaction).
    expect((await jobState(id)).status).toBe("RUNNING");
    expect(await writtenOnce(ids)).toEqual({ events: 0, edges: 0 });

    const restarted = await start("restarted", queue);
    const job = await waitForJobEnd(id);
    expect(job).toMatchObject({ status: "DONE", accepted: 3_000, duplicates: 0 });
    expect(job.finishedBy).toBe(restarted.owner);
    expect(await writtenWhenVisible(ids)).toEqual({ events: 3_000, edges: 3_000 });
    const report = (await (await authFetch(`${restarted.base}/epcis/capture/${id}`)).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ running: false, success: true, accepted: 3_000, errors: [] });
  });

  it("kill -9 in the middle of an issuance job: resumed from its checkpoint, no code issued twice", async () => {
    const queue = drillQueue();
    const [batchId] = await itemBatches(uniqueSuffix(), 1);
    const first = await start("first", queue);
    const id = await postIssue(first, batchId!, 6_000);
    const midway = await until("the first checkpoint", async () => {
      const job = await jobState(id);
      return job.done >= 1_000 ? job : undefined;
    });
    await first.kill9();
    // Chunks run in parallel: a COMMIT sent just before the kill still completes on the server a moment later, so
    // read once the store is quiet (the same checkpoint before and after counting the codes).
    const settled = await until(
      "the killed server's last commit to settle",
      async () => {
        const before = await jobState(id);
        await sleep(300);
        const { codes } = await batchCodes(batchId!);
        const after = await jobState(id);
        return before.done === after.done ? { job: after, codes } : undefined;
      },
      10_000,
    );
    const killed = settled.job;
    expect(killed.status).toBe("RUNNING");
    expect(killed.done).toBeGreaterThanOrEqual(midway.done);
    expect(killed.done).toBeLessThan(6_000);
    // What the checkpoint says is exactly what is written: the chunk and its progress share a transaction.
    expect(settled.codes).toBe(killed.done);

    const restarted = await start("restarted", queue);
    const job = await waitForJobEnd(id);
    expect(job).toMatchObject({ status: "DONE", done: 6_000, finishedBy: restarted.owner });
    expect(job.attempts).toBe(2);
    expect(await batchCodes(batchId!)).toEqual({ codeCount: 6_000, codes: 6_000, distinct: 6_000 });
  });

  it("SIGTERM during a long capture: readyz 503 and new work refused at once, the job given back and resumed", async () => {
    const queue = drillQueue();
    const first = await start("first", queue, { SHUTDOWN_GRACE_MS: "1000" });
    const { document, ids } = aggregationDocument(uniqueSuffix(), 8_000);
    const id = await postCapture(first, document);
    await until("the capture to be claimed", async () => ((await jobState(id)).leaseOwner ? true : undefined));

    const stopping = first.terminate();
    await until("readyz to answer 503", async () => {
      const res = await fetch(`${first.base}/readyz`);
      return res.status === 503 ? true : undefined;
    });
    const refused = await authFetch(`${first.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ productCategories { code } }" }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: "SERVICE_UNAVAILABLE" } }] });
    const { code, ms } = await stopping;
    console.info(`SIGTERM during an 8,000-event capture, grace 1 s: exited ${code} after ${ms} ms`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);

    // Given back at the end of the grace: claimable at once, nothing half-written.
    const released = await jobState(id);
    expect(released).toMatchObject({ status: "RUNNING", leaseOwner: null });
    expect(await writtenOnce(ids)).toEqual({ events: 0, edges: 0 });

    const restarted = await start("restarted", queue);
    const job = await waitForJobEnd(id);
    expect(job).toMatchObject({ status: "DONE", accepted: 8_000, duplicates: 0, finishedBy: restarted.owner });
    expect(await writtenWhenVisible(ids)).toEqual({ events: 8_000, edges: 8_000 });
  });

  it("SIGTERM with time to spare: the running capture finishes before the process exits", async () => {
    const queue = drillQueue();
    const server = await start("server", queue, { SHUTDOWN_GRACE_MS: "60000" });
    const { document, ids } = aggregationDocument(uniqueSuffix(), 3_000);
    const id = await postCapture(server, document);
    await until("the capture to be claimed", async () => ((await jobState(id)).leaseOwner ? true : undefined));
    const { code } = await server.terminate(60_000);
    expect(code).toBe(0);
    expect(await jobState(id)).toMatchObject({ status: "DONE", accepted: 3_000, finishedBy: server.owner });
    expect(await writtenWhenVisible(ids)).toEqual({ events: 3_000, edges: 3_000 });
  });

  it("two servers race for the same jobs, one is killed: every job done once, by one of them", async () => {
    const queue = drillQueue();
    const batches = await itemBatches(uniqueSuffix(), 4);
    // Small chunks: many checkpoints, so "midway" lasts long enough to be seen on a busy machine.
    const small = { ISSUE_CHUNK_SIZE: "250" };
    const [a, b] = await Promise.all([start("a", queue, small), start("b", queue, small)]);
    // Captures first: checking a document takes a while, and issuances posted before it could all be done by then.
    const captures = [aggregationDocument(uniqueSuffix(), 1_000), aggregationDocument(uniqueSuffix(), 1_000)];
    const captured = [await postCapture(a, captures[0]!.document), await postCapture(b, captures[1]!.document)];
    const issued = await Promise.all(batches.map((batchId, i) => postIssue(i % 2 === 0 ? a : b, batchId, 4_000)));

    // Both work at once (one job each); kill one in the middle of an issuance it holds.
    const held = await until("server a to be midway through an issuance", async () => {
      for (const id of issued) {
        const job = await jobState(id);
        if (job.leaseOwner === a.owner && job.done >= 250 && job.done < 4_000) return id;
      }
      return undefined;
    });
    await a.kill9();

    const ended = await Promise.all([...issued, ...captured].map((id) => waitForJobEnd(id)));
    expect(ended.map((job) => job.status)).toEqual(Array(6).fill("DONE"));
    const finishers = ended.map((job) => job.finishedBy);
    expect(
      finishers.every((o) => o === a.owner || o === b.owner),
      `finished by ${finishers.join(", ")}; a ${a.owner}, b ${b.owner}`,
    ).toBe(true);
    expect((await jobState(held)).finishedBy).toBe(b.owner);
    for (const batchId of batches) {
      expect(await batchCodes(batchId)).toEqual({ codeCount: 4_000, codes: 4_000, distinct: 4_000 });
    }
    for (const [i, { ids }] of captures.entries()) {
      expect(await writtenWhenVisible(ids)).toEqual({ events: 1_000, edges: 1_000 });
      expect(ended[issued.length + i]).toMatchObject({ accepted: 1_000, duplicates: 0 });
    }
  });

  it("npm start hands SIGTERM to the server, which shuts down cleanly", { timeout: 180_000 }, async () => {
    // What `npm start` runs after its prestart build (built here, so the drill tests this tree's code).
    const build = spawnSync("npm", ["run", "build"], { encoding: "utf8" });
    expect(build.status, build.stderr + build.stdout).toBe(0);
    const server = await DrillServer.start("npm start", {
      queue: drillQueue(),
      command: { file: "npm", args: ["start", "--ignore-scripts"] },
    });
    servers.push(server);
    const below = server.descendants();
    expect(below.length).toBeGreaterThan(0);
    try {
      const { code } = await server.terminate();
      expect(code).toBe(0);
      expect(server.output.join("\n")).toContain('"msg":"stopped"');
      expect(below.filter(isAlive)).toEqual([]);
    } finally {
      // An orphaned server (npm gone, node still serving) is this drill's failure; never left running.
      for (const pid of below.filter(isAlive)) process.kill(pid, "SIGKILL");
    }
  });
});
