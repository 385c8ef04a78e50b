import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { expect } from "vitest";
import type { Executor } from "../../../src/graph/executor.js";
import { query } from "../../../src/graph/query.js";
import { loadConfig } from "../../../src/root/config.js";
import { authFetch, TEST_ADMIN_API_KEY } from "../../support/test-credentials.js";
import { testServices } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  REGISTER_PRODUCT,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type ProductData,
} from "../producer/producer-fixtures.js";
import { gqlData } from "../../support/test-api.js";

/**
 * Fault drills: the real server (src/server/main.ts under tsx) as a child process on the tests' Neo4j, so it can be
 * killed with SIGKILL or stopped with SIGTERM between acknowledging work and finishing it. Every server of one drill
 * shares a job queue of its own (no test worker takes its jobs), with short leases and polls so a dead server's jobs
 * are taken over within seconds.
 */
export interface DrillServerOptions {
  queue: string;
  env?: Record<string, string>;
  /** Default: node with tsx on src/server/main.ts. */
  command?: { file: string; args: string[] };
}

export class DrillServer {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly options: DrillServerOptions,
  ) {}

  static async start(name: string, options: DrillServerOptions): Promise<DrillServer> {
    const server = new DrillServer(name, await freePort(), options);
    try {
      await server.spawn();
    } catch (error) {
      // Not ready in time: the caller never gets the server to dispose of, so it must not outlive the test.
      await server.dispose();
      throw error;
    }
    return server;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  /** Every process below the child (npm's shell and node, when npm stands in between). */
  descendants(): number[] {
    const below = (pid: number): number[] => {
      const out = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).stdout;
      const children = out
        .split("\n")
        .map(Number)
        .filter((n) => n > 0);
      return children.flatMap((child) => [child, ...below(child)]);
    };
    return below(this.pid);
  }

  /** The owner id its job worker leases jobs under (from its log). */
  get owner(): string | undefined {
    return this.logged(/"owner":"([^"]+)"/);
  }

  /** The owner id its notification worker leases the fan-out and subscriptions under (from its log). */
  get notifyOwner(): string | undefined {
    return this.logged(/"notifyOwner":"([^"]+)"/);
  }

  private logged(pattern: RegExp): string | undefined {
    for (const line of this.output) {
      const match = pattern.exec(line);
      if (match) return match[1];
    }
    return undefined;
  }

  async spawn(): Promise<void> {
    // The same Neo4j the tests use: NEO4J_URI when set, else the local launcher's port (CI: 7687).
    const { neo4j } = loadConfig(process.env);
    const command = this.options.command ?? { file: process.execPath, args: ["--import", "tsx", "src/server/main.ts"] };
    const child = spawn(command.file, command.args, {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEO4J_URI: neo4j.uri,
        NEO4J_USER: neo4j.user,
        NEO4J_PASSWORD: neo4j.password,
        ...(neo4j.database ? { NEO4J_DATABASE: neo4j.database } : {}),
        HOST: "127.0.0.1",
        PORT: String(this.port),
        SEED_DEMO: "0",
        LOG_LEVEL: "info",
        ADMIN_API_KEY: TEST_ADMIN_API_KEY,
        RATE_LIMIT_PER_MINUTE: "0",
        JOB_QUEUE: this.options.queue,
        JOB_LEASE_MS: "2000",
        JOB_POLL_MS: "200",
        JOB_CONCURRENCY: "1",
        // A drill's server killed while it holds the fan-out lease holds every other test file's notifications up
        // until the lease runs out: 2 s here, not 30.
        NOTIFY_LEASE_MS: "2000",
        WEBHOOK_TIMEOUT_MS: "1000",
        ...this.options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    // Whole lines only: a chunk may end inside a line (and inside the owner id the drills look for in it).
    const lines = () => {
      let partial = "";
      return (chunk: Buffer) => {
        const parts = (partial + chunk.toString("utf8")).split("\n");
        partial = parts.pop() ?? "";
        for (const line of parts) if (line) this.output.push(line);
      };
    };
    child.stdout?.on("data", lines());
    child.stderr?.on("data", lines());
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited at start:\n${this.log()}`);
      const ready = await fetch(`${this.base}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready within 60 s:\n${this.log()}`);
      await sleep(100);
    }
  }

  /** kill -9: no handler runs, nothing is flushed or given back. */
  async kill9(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM, then waits for the exit; returns the exit code and how long the exit took. */
  async terminate(timeoutMs = 30_000): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    this.child?.kill("SIGTERM");
    return { code: await this.waitExit(timeoutMs), ms: Date.now() - started };
  }

  async waitExit(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const code = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (code === "timeout") {
      this.child?.kill("SIGKILL");
      throw new Error(`${this.name} did not exit within ${timeoutMs} ms:\n${this.log()}`);
    }
    return code ?? null;
  }

  /** Stops it for good at the end of a drill (whatever state it is in). */
  async dispose(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) await this.kill9();
  }

  log(): string {
    return this.output.slice(-40).join("\n");
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function drillQueue(): string {
  return `drill-${randomUUID().slice(0, 8)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value, or fails with `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- what the drills send and check

export interface JobState {
  status: string;
  done: number;
  total: number;
  attempts: number;
  leaseOwner: string | null;
  finishedBy: string | null;
  accepted: number | null;
  duplicates: number | null;
}

/** Where the drills read what was written: the tests' database, or a drill's own Neo4j. */
async function reader(executor?: Executor): Promise<Executor> {
  return executor ?? (await testServices()).executor;
}

/** The job as stored, read straight from Neo4j (whichever server is up). */
export async function jobState(id: string, db?: Executor): Promise<JobState> {
  const executor = await reader(db);
  const rows = await executor.read(
    query(
      "test.drill.job",
      `MATCH (j:Job {id: $id})
       RETURN j {.status, .done, .total, .attempts, .leaseOwner, .finishedBy, .accepted, .duplicates} AS job`,
      { id },
    ),
  );
  const job = rows[0]?.job as Record<string, unknown> | undefined;
  if (!job) throw new Error(`no job ${id}`);
  return {
    status: String(job.status),
    done: Number(job.done ?? 0),
    total: Number(job.total ?? 0),
    attempts: Number(job.attempts ?? 0),
    leaseOwner: (job.leaseOwner as string | null | undefined) ?? null,
    finishedBy: (job.finishedBy as string | null | undefined) ?? null,
    accepted: job.accepted == null ? null : Number(job.accepted),
    duplicates: job.duplicates == null ? null : Number(job.duplicates),
  };
}

export async function waitForJobEnd(id: string, timeoutMs = 90_000, db?: Executor): Promise<JobState> {
  return until(
    `job ${id} to finish`,
    async () => {
      const job = await jobState(id, db).catch(() => undefined);
      if (!job) return undefined;
      return job.status === "RUNNING" ? undefined : job;
    },
    timeoutMs,
  );
}

/**
 * An EPCIS document of `count` AggregationEvents, each packing one item into one case: each event writes exactly one
 * CONTAINED_IN edge, so a document written twice, or half, shows in the count of its edges.
 */
export function aggregationDocument(run: string, count: number): { document: Record<string, unknown>; ids: string[] } {
  const ids: string[] = [];
  const events = Array.from({ length: count }, (_, i) => {
    const eventID = `urn:uuid:${randomUUID()}`;
    ids.push(eventID);
    return {
      type: "AggregationEvent",
      eventID,
      eventTime: "2026-05-01T08:00:00+08:00",
      eventTimeZoneOffset: "+08:00",
      parentID: `urn:epc:id:sscc:0614141.${serialRef(run, i)}`,
      childEPCs: [`urn:epc:id:sgtin:0614141.112345.${run}-${i}`],
      action: "ADD",
      bizStep: "packing",
    };
  });
  const document = {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-05-01T00:00:00Z",
    epcisBody: { eventList: events },
  };
  return { document, ids };
}

/** A 10-digit SSCC serial reference unique to the run and the event. */
function serialRef(run: string, i: number): string {
  const runDigits = String(parseInt(run.slice(0, 6), 16) % 10_000).padStart(4, "0");
  return `${runDigits}${String(i).padStart(6, "0")}`;
}

/** How many events of `ids` are stored, and how many CONTAINED_IN edges they caused (one each when written once). */
export async function writtenOnce(ids: readonly string[], db?: Executor): Promise<{ events: number; edges: number }> {
  const executor = await reader(db);
  const rows = await executor.read(
    query(
      "test.drill.written",
      `UNWIND $ids AS id
       OPTIONAL MATCH (e:Event {eventId: id})
       WITH id, count(e) AS events
       OPTIONAL MATCH ()-[r:CONTAINED_IN {eventId: id}]->()
       RETURN sum(events) AS events, count(r) AS edges`,
      { ids },
    ),
  );
  return { events: Number(rows[0]?.events ?? 0), edges: Number(rows[0]?.edges ?? 0) };
}

/**
 * writtenOnce once the job's transaction is visible in full: a reader without locks may see the job's end a moment
 * before every index entry of a large commit (read committed), so this waits until all `ids` are found, then counts.
 */
export async function writtenWhenVisible(
  ids: readonly string[],
  db?: Executor,
): Promise<{ events: number; edges: number }> {
  await until(
    "every event to be visible",
    async () => ((await writtenOnce(ids, db)).events >= ids.length ? true : undefined),
    10_000,
  ).catch(() => undefined);
  return writtenOnce(ids, db);
}

export async function postCapture(server: DrillServer, document: unknown): Promise<string> {
  const response = await authFetch(`${server.base}/epcis/capture`, {
    method: "POST",
    headers: { "content-type": "application/ld+json" },
    body: JSON.stringify(document),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { captureID: string }).captureID;
}

export const ISSUE = `mutation($input: IssueCodesInput!) { issueCodes(input: $input) { issueId issued job { id } } }`;

/** Asks `server` to issue `count` codes for `batchId`; answers the job's id (the count is over the inline limit). */
export async function postIssue(server: DrillServer, batchId: string, count: number): Promise<string> {
  const response = await authFetch(`${server.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: ISSUE, variables: { input: { batchId, count } } }),
  });
  const body = (await response.json()) as { data?: { issueCodes: { job: { id: string } | null } }; errors?: unknown };
  const job = body.data?.issueCodes.job;
  if (!job) throw new Error(`no issuance job: ${JSON.stringify(body)}`);
  return job.id;
}

/** A PER_ITEM product of a fresh chain and `n` open batches of it, created in-process on the same database. */
export async function itemBatches(suffix: string, n: number): Promise<string[]> {
  const orgs = await registerChain(suffix);
  const { registerProduct } = await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
    input: cableProduct(orgs.maker, "PER_ITEM", { id: `drill-${suffix}` }),
  });
  const batches: string[] = [];
  for (let i = 0; i < n; i++) {
    const { createBatch } = await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, {
      input: cableBatch(registerProduct.id, `DRILL${i}`),
    });
    batches.push(createBatch.id);
  }
  return batches;
}

/** Codes of a batch as written: how many, how many distinct, and what the batch counts. */
export async function batchCodes(
  batchId: string,
  db?: Executor,
): Promise<{ codeCount: number; codes: number; distinct: number }> {
  const executor = await reader(db);
  const rows = await executor.read(
    query(
      "test.drill.codes",
      `MATCH (b:Batch {id: $batchId})
       OPTIONAL MATCH (b)-[:IN_LOT]->(c:Code)
       RETURN coalesce(b.codeCount, 0) AS codeCount, count(c) AS codes, count(DISTINCT c.value) AS distinct`,
      { batchId },
    ),
  );
  const row = rows[0] ?? {};
  return { codeCount: Number(row.codeCount), codes: Number(row.codes), distinct: Number(row.distinct) };
}

/** A GraphQL call to a drill server (as the test ADMIN); throws on errors. */
export async function serverGql<T>(server: DrillServer, q: string, variables: Record<string, unknown>): Promise<T> {
  const response = await authFetch(`${server.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: q, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}
