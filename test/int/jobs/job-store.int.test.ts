import { OPERATOR } from "../../../src/access/principal.js";
import { randomUUID } from "node:crypto";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { INPUT_PART_CHARS, JobRepository, LeaseLostError } from "../../../src/graph/job.repository.js";
import * as J from "../../../src/graph/job.queries.js";
import { query } from "../../../src/graph/query.js";
import { JobRunner, JobSignal, checkpoint, type JobHandler } from "../../../src/jobs/job-runner.js";
import { testApplication, testServices } from "../../support/test-services.js";

/** The durable job store on the real database: a queue of this test's own, so no worker but the test's claims. */
async function store() {
  const { executor } = await testServices();
  return { jobs: new JobRepository(executor), executor, queue: `store-${randomUUID().slice(0, 8)}` };
}

const newJob = (queue: string, input = "") => ({
  id: randomUUID(),
  kind: "test-kind",
  queue,
  total: 3,
  params: JSON.stringify({ n: 3 }),
  input,
});

describe("durable jobs: the store", () => {
  it("hands each job to exactly one of many workers claiming at once", async () => {
    const { jobs, queue } = await store();
    const created = Array.from({ length: 8 }, () => newJob(queue));
    for (const job of created) await jobs.create(job);
    const owners = Array.from({ length: 6 }, (_, i) => `worker-${i}`);
    // 6 workers claiming at once, round after round (a worker that loses a race gets nothing and tries again).
    const claimed: string[] = [];
    for (let round = 0; round < 30 && claimed.length < created.length; round++) {
      const claims = await Promise.all(owners.map((owner) => jobs.claim(queue, owner, 30_000).then((j) => j?.id)));
      claimed.push(...claims.filter((id): id is string => id !== undefined));
    }
    expect(claimed.sort()).toEqual(created.map((j) => j.id).sort());
    expect(await jobs.claim(queue, "late", 30_000)).toBeNull();
  });

  it("lets another worker take over a job whose lease ran out, and refuses the first worker's checkpoint after", async () => {
    const { jobs, executor, queue } = await store();
    const job = newJob(queue);
    await jobs.create(job);
    expect((await jobs.claim(queue, "dead", 500))?.id).toBe(job.id);
    expect(await jobs.claim(queue, "other", 30_000)).toBeNull();
    await new Promise((r) => setTimeout(r, 700));
    const taken = await jobs.claim(queue, "other", 30_000);
    expect(taken).toMatchObject({ id: job.id, attempts: 2, done: 0 });
    expect(await jobs.heartbeat(job.id, "dead", 30_000)).toBe(false);
    // A step of the dead worker that comes back: its checkpoint finds the lease gone and rolls the step back.
    await expect(
      executor.writeTx("test.stale", async (tx) => {
        const rows = await tx.rows(J.jobProgress(job.id, "dead", 1, 30_000, 0));
        if (rows.length === 0) throw new LeaseLostError(job.id);
      }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    // The holder's step counts once: the same step again (a retry after a commit whose answer was lost, or a second
    // run of the job in the same process) finds the progress moved on and is refused.
    expect(await executor.write(J.jobProgress(job.id, "other", 2, 30_000, 0))).toHaveLength(1);
    expect(await executor.write(J.jobProgress(job.id, "other", 2, 30_000, 0))).toHaveLength(0);
    expect(await executor.write(J.jobProgress(job.id, "other", 1, 30_000, 2))).toHaveLength(1);
    expect(await jobs.release(job.id, "dead", 0)).toBe(false);
    expect(await jobs.finish(job.id, "other", "DONE", { done: 3 })).toBe(true);
    expect(await jobs.finish(job.id, "other", "DONE", { done: 3 })).toBe(false);
  });

  it("counts each numbered part of a job once, in any order and at the same time, for the lease holder only", async () => {
    const { jobs, executor, queue } = await store();
    const job = newJob(queue);
    await jobs.create(job);
    expect((await jobs.claim(queue, "holder", 30_000))?.id).toBe(job.id);
    // Parts 2 and 0 at once (parallel chunks), then part 2 again (a retry whose commit's answer was lost).
    const [two, zero] = await Promise.all([
      executor.write(J.jobPartProgress(job.id, "holder", 10, 30_000, 2)),
      executor.write(J.jobPartProgress(job.id, "holder", 7, 30_000, 0)),
    ]);
    expect([two.length, zero.length]).toEqual([1, 1]);
    expect(await executor.write(J.jobPartProgress(job.id, "holder", 10, 30_000, 2))).toHaveLength(0);
    expect(await executor.write(J.jobPartProgress(job.id, "stranger", 5, 30_000, 1))).toHaveLength(0);
    const [state] = await executor.read(J.jobPartsDone(job.id));
    expect({ parts: (state?.parts as number[]).map(Number).sort(), done: Number(state?.done) }).toEqual({
      parts: [0, 2],
      done: 17,
    });
  });

  it("stores a large input in parts and reads it back exactly, surrogate pairs included", async () => {
    const { jobs, queue } = await store();
    // A pair straddles the first part boundary: it must not be split into two lone halves.
    const input = `${"a".repeat(INPUT_PART_CHARS - 1)}😀${"追溯".repeat(600_000)}`;
    const job = newJob(queue, input);
    await jobs.create(job);
    expect(await jobs.input(job.id)).toBe(input);
  });

  it("deletes finished jobs and their inputs after the retention period, and nothing else", async () => {
    const { jobs, executor, queue } = await store();
    const [old, recent, running] = [newJob(queue, "x"), newJob(queue, "y"), newJob(queue, "z")];
    for (const job of [old, recent, running]) await jobs.create(job);
    for (const job of [old, recent]) {
      await jobs.claim(queue, "w", 30_000);
      await jobs.finish(job.id, "w", "DONE", {});
    }
    await executor.write(
      query("test.jobs.age", "MATCH (j:Job {id: $id}) SET j.finishedAt = datetime() - duration('PT2H')", {
        id: old.id,
      }),
    );
    await jobs.expire(3_600_000);
    const left = await executor.read(
      query(
        "test.jobs.left",
        `UNWIND $ids AS id OPTIONAL MATCH (j:Job {id: id}) OPTIONAL MATCH (i:JobInput {jobId: id})
         RETURN id, count(DISTINCT j) AS jobs, count(i) AS inputs`,
        { ids: [old.id, recent.id, running.id] },
      ),
    );
    expect(left.map((r) => [r.id, Number(r.jobs), Number(r.inputs)])).toEqual([
      [old.id, 0, 0],
      [recent.id, 1, 1],
      [running.id, 1, 1],
    ]);
  });

  it("runs jobs in a worker, retries a failing step from its checkpoint, and gives a job back when stopped", async () => {
    const { jobs, executor, queue } = await store();
    const steps: string[] = [];
    let failOnce = true;
    const handler: JobHandler = {
      kind: "test-kind",
      async run(job, context) {
        if (failOnce) {
          failOnce = false;
          throw new Error("Neo4j hiccup");
        }
        steps.push(job.id);
        for (;;) {
          checkpoint(job, context);
          if (JSON.parse(job.params).n === 3) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await jobs.finish(job.id, context.owner, "DONE", { done: 3 });
      },
      async fail(job, owner, message) {
        await jobs.finish(job.id, owner, "FAILED", { error: message });
      },
    };
    const options = { queue, leaseMs: 5_000, pollMs: 50, concurrency: 1, retentionMs: 3_600_000, maxAttempts: 3 };
    const runner = new JobRunner(
      jobs,
      [handler],
      { ...options, owner: "runner-1" },
      pino({ level: "silent" }),
      new JobSignal(),
    );
    const job = newJob(queue);
    await jobs.create(job);
    runner.start();
    const status = async (id: string) =>
      (
        await executor.read(
          query(
            "test.jobs.status",
            "MATCH (j:Job {id: $id}) RETURN j {.status, .attempts, .lastError, .finishedBy, .leaseOwner} AS j",
            { id },
          ),
        )
      )[0]?.j as Record<string, unknown>;
    // First attempt fails: given back with a delay (1 s), then done by the second.
    for (let i = 0; i < 100 && (await status(job.id)).status === "RUNNING"; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await status(job.id)).toMatchObject({
      status: "DONE",
      attempts: 2,
      lastError: "Neo4j hiccup",
      finishedBy: "runner-1",
    });

    // A job that never reaches its end: stopping the worker gives it back at the next checkpoint, claimable at once.
    const endless = { ...newJob(queue), params: JSON.stringify({ n: 1 }) };
    await jobs.create(endless);
    for (let i = 0; i < 100 && runner.active.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(runner.active).toEqual([endless.id]);
    await runner.stop(Date.now() + 5_000);
    expect(await status(endless.id)).toMatchObject({ status: "RUNNING", leaseOwner: null });
    expect((await jobs.claim(queue, "next", 30_000))?.id).toBe(endless.id);
    expect(steps).toEqual([job.id, endless.id]);
  });

  it("ends a job of a version before durable jobs (no queue, no input) instead of leaving it running", async () => {
    const { jobs, executor, queue } = await store();
    const id = randomUUID();
    await executor.write(
      query(
        "test.jobs.legacy",
        `CREATE (:Job {id: $id, kind: "epcis-capture", status: "RUNNING", total: 4, done: 0, createdAt: datetime(),
                       accepted: 0, duplicates: 0, errors: "[]"})`,
        { id },
      ),
    );
    await (await testApplication()).migrate();
    const legacyQueue = async () =>
      (await executor.read(query("test.jobs.queue", "MATCH (j:Job {id: $id}) RETURN j.queue AS q", { id })))[0]?.q;
    expect(await legacyQueue()).toBe("default");
    // Claimed here from a queue of the test's own, and run by the capture handler: no stored document, so FAILED.
    await executor.write(query("test.jobs.requeue", "MATCH (j:Job {id: $id}) SET j.queue = $queue", { id, queue }));
    const claimed = await jobs.claim(queue, "w", 30_000);
    expect(claimed?.id).toBe(id);
    const services = await testServices();
    await services.captureJobs.run(claimed!, { owner: "w", leaseMs: 30_000, signal: new AbortController().signal });
    expect(await services.captureJobs.find(id, OPERATOR)).toMatchObject({
      status: "FAILED",
      errors: [expect.objectContaining({ code: "INPUT_LOST" })],
    });
  });
});
