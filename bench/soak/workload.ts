import { randomUUID } from "node:crypto";
import { epcisDocument } from "../generate/epcis-document.js";
import { sgtinUrn, ssccKey } from "../generate/gs1-keys.js";
import type { ChainEvent } from "../generate/supply-chain.js";
import { httpRequest, type HttpRequestOptions } from "../lib/http-client.js";
import { Random, hashSeed } from "../../test/support/seeded-random.js";
import type { SoakRecorder } from "./report.js";
import type { SoakData } from "./seed.js";

/**
 * What each soak client does, one operation after another until told to stop: reads of every kind an analyst or a
 * regulator makes, market scans with fresh scan ids (some outside the authorised region, so alerts are raised and
 * judged), and small fresh EPCIS documents captured over REST and polled until their job ends. Every HTTP request is
 * recorded under its kind with its latency; anything but a 2xx answer without GraphQL errors is an error.
 */
export interface Workload {
  url: string;
  data: SoakData;
  recorder: SoakRecorder;
  seed: number;
  /** Run-unique text for fresh scan ids and serials. */
  stamp: string;
  /** A fresh 9-digit SSCC serial reference for every captured pallet. */
  nextPalletRef: () => number;
}

export function createWorkload(url: string, data: SoakData, recorder: SoakRecorder, seed: number, stamp: string) {
  // This run's block of 100,000 pallet numbers, from its stamp: another run on the same store takes another block.
  const block = hashSeed("soak-pallets", stamp) % 9_000;
  let pallets = 0;
  const workload: Workload = { url, data, recorder, seed, stamp, nextPalletRef: () => block * 100_000 + pallets++ };
  return workload;
}

/** Operations and their relative frequency. */
const MIX = [
  ["resolveCode", 20],
  ["upstream", 10],
  ["downstream", 8],
  ["recallImpact", 5],
  ["events", 7],
  ["diversionAlerts", 5],
  ["recordScan", 30],
  ["capture", 15],
] as const;

type Operation = (typeof MIX)[number][0];
const TOTAL_WEIGHT = MIX.reduce((sum, [, weight]) => sum + weight, 0);

/** Shares of scans made outside the retailer's and its distributor's authorised regions (防窜 alerts). */
const OUT_OF_REGION = 0.2;
const CAPTURE_POLL_MS = 100;
const CAPTURE_DEADLINE_MS = 60_000;

const QUERIES = {
  resolveCode: `query($code: String!) { resolveCode(code: $code) { key kind details } }`,
  upstream: `query($code: String!) { upstream(code: $code) { root truncated nodes { key kind depth } edges { from to kind } } }`,
  downstream: `query($code: String!) { downstream(code: $code) { root truncated nodes { key kind depth } edges { from to kind } } }`,
  recallImpact: `query($code: String!) {
    recallImpact(code: $code) {
      root totalCount regions organizations { objectCount organization { id name } }
      objects(first: 20) { edges { node { key kind } } pageInfo { hasNextPage endCursor } }
    }
  }`,
  events: `query { events(first: 20) { edges { node { eventId eventTime } } pageInfo { hasNextPage endCursor } } }`,
  diversionAlerts: `query {
    diversionAlerts(first: 20) {
      edges { node { id rule objectKey scanRegion evidence responsibleOrganization { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  recordScan: `mutation($input: ScanInput!) { recordScan(input: $input) { eventId duplicate alerts { rule } } }`,
} as const;

export async function runClient(workload: Workload, client: number, stopped: () => boolean): Promise<void> {
  const random = new Random(hashSeed(workload.seed, "soak-client", client));
  let sequence = 0;
  while (!stopped()) {
    const id = `${workload.stamp}-${client}-${sequence++}`;
    await perform(workload, pickOperation(random), random, id);
  }
}

function pickOperation(random: Random): Operation {
  let ticket = random.float() * TOTAL_WEIGHT;
  for (const [operation, weight] of MIX) {
    ticket -= weight;
    if (ticket < 0) return operation;
  }
  return MIX[0][0];
}

async function perform(w: Workload, operation: Operation, random: Random, id: string): Promise<void> {
  const { codes, lots } = w.data;
  switch (operation) {
    case "resolveCode": {
      const code = random.pick(codes);
      // Half the lookups as a person types a code off a label: lower case, no hyphens.
      return graphql(w, operation, { code: random.chance(0.5) ? code : code.toLowerCase().replace(/-/g, "") });
    }
    case "upstream":
      return graphql(w, operation, { code: random.pick(codes) });
    case "downstream":
    case "recallImpact":
      // Lots (a batch: 300 items; the copper lot: every batch) and single items.
      return graphql(w, operation, { code: random.chance(0.5) ? random.pick(lots) : random.pick(codes) });
    case "events":
    case "diversionAlerts":
      return graphql(w, operation, {});
    case "recordScan":
      return graphql(w, operation, {
        input: {
          code: random.pick(codes),
          regionCode: random.chance(OUT_OF_REGION) ? "430102" : "440305",
          role: "CONSUMER",
          scannedAt: new Date().toISOString(),
          scanId: `soak-${id}`,
        },
      });
    case "capture":
      return capture(w, id);
    default: {
      const unreachable: never = operation;
      throw new Error(`unknown operation ${String(unreachable)}`);
    }
  }
}

/** One request, timed and recorded; the answer's text when it was a success, else undefined. */
async function timedRequest(
  w: Workload,
  kind: string,
  path: string,
  options: HttpRequestOptions,
  judge: (status: number, text: string) => string | undefined,
): Promise<{ text: string; location: string | undefined } | undefined> {
  const started = performance.now();
  try {
    const answer = await httpRequest(`${w.url}${path}`, options);
    const error = judge(answer.status, answer.text);
    w.recorder.record(kind, performance.now() - started, error);
    const location = typeof answer.headers.location === "string" ? answer.headers.location : undefined;
    return error === undefined ? { text: answer.text, location } : undefined;
  } catch (error) {
    w.recorder.record(kind, performance.now() - started, (error as Error).message);
    return undefined;
  }
}

const excerpt = (text: string) => text.slice(0, 300).replace(/\s+/g, " ");

function judgeHttp(status: number, text: string): string | undefined {
  return status >= 200 && status < 300 ? undefined : `HTTP ${status}: ${excerpt(text)}`;
}

function judgeGraphql(status: number, text: string): string | undefined {
  const http = judgeHttp(status, text);
  if (http) return http;
  try {
    const body = JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length)
      return body.errors.map((e) => `${e.extensions?.code ?? "?"} ${excerpt(e.message)}`).join("; ");
    return body.data ? undefined : "no data";
  } catch {
    return `not JSON: ${excerpt(text)}`;
  }
}

async function graphql(w: Workload, operation: keyof typeof QUERIES, variables: Record<string, unknown>) {
  await timedRequest(w, operation, "/graphql", { body: { query: QUERIES[operation], variables } }, judgeGraphql);
}

/**
 * A small fresh document (3 items commissioned, packed on a new pallet, shipped maker → distributor) posted to
 * POST /epcis/capture; a 202 is polled until its job ends, and a job that did not succeed is an error too.
 */
async function capture(w: Workload, id: string): Promise<void> {
  const { maker, gdDistributor } = w.data.orgs;
  const at = new Date(Date.now() - 60_000).toISOString();
  const items = [0, 1, 2].map((i) => sgtinUrn(w.data.captureGtin, `S${id}-${i}`.slice(-20)));
  const pallet = ssccKey(3, w.nextPalletRef());
  const eventId = () => `urn:uuid:${randomUUID()}`;
  const events: ChainEvent[] = [
    { type: "commissionItems", eventId: eventId(), at, lot: "", lotNumber: `L${w.stamp}`, items, org: maker },
    { type: "pack", eventId: eventId(), at, parent: pallet, children: items, org: maker },
    { type: "ship", eventId: eventId(), at, objects: [pallet], classes: [], from: maker, to: gdDistributor },
  ];
  const posted = await timedRequest(
    w,
    "capture",
    "/epcis/capture",
    { body: epcisDocument(events, new Date().toISOString()), contentType: "application/ld+json" },
    judgeHttp,
  );
  if (!posted?.location) return;
  const deadline = Date.now() + CAPTURE_DEADLINE_MS;
  while (Date.now() < deadline) {
    const polled = await timedRequest(w, "captureStatus", posted.location, { method: "GET" }, judgeHttp);
    if (!polled) return;
    const job = JSON.parse(polled.text) as { running: boolean; success: boolean; accepted: number; errors: unknown[] };
    if (!job.running) {
      if (!job.success) w.recorder.fail("capture", `capture job failed: ${excerpt(JSON.stringify(job.errors))}`);
      else if (job.accepted !== events.length)
        w.recorder.fail("capture", `capture job accepted ${job.accepted} of ${events.length} fresh events`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, CAPTURE_POLL_MS));
  }
  w.recorder.fail("capture", `capture job still running after ${CAPTURE_DEADLINE_MS} ms`);
}
