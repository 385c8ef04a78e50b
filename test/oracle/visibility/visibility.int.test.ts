import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../../src/access/principal.js";
import { epcisEventId } from "../../../src/epcis/native-event-id.js";
import { principalOf } from "../../support/gql-as.js";
import { gql } from "../../support/test-api.js";
import { deriveChain, type ChainLog, type DerivedChain, type ObjectKey, type OrgId } from "./chain-model.js";
import { SCENARIOS } from "./scenarios.js";
import { replayChain, type ReplayedChain } from "./chain-replay.js";
import { generateRandomChain } from "./random-chain.js";
import {
  downstream,
  recallImpact,
  resolvable,
  upstream,
  visibleEvents,
  type EdgeTriple,
  type TraceView,
  type Viewer,
} from "./visibility-model.js";

/**
 * The oracle integration tier for API-CONTRACT §6 "What each party may see": seeded random chains (random-chain.ts)
 * and small hand-written ones (scenarios.ts) are replayed through the real GraphQL API (chain-replay.ts), then every
 * party (each organisation as its credential's role, MANUFACTURER or PARTNER; the regulator as REGULATOR; the
 * operator's ADMIN) asks `resolveCode`, `upstream` and `downstream` (maxDepth 16) and `recallImpact` of every object,
 * and each answer must equal the independent model's (visibility-model.ts) over the same log as replayed: the same
 * node keys and edges (kind, from, to; depths are not modelled), the same recall objects, total and organisations
 * with their object counts; and every party's `events` pages, followed to the end, list of the events whose real id
 * the replay knows (captured EPCIS events, native shipments) exactly the model's `visibleEvents`.
 *
 * A failure names the chain (seed or scenario), the viewer and its principal, the root (model name and real key),
 * the read and the difference (missing / extra nodes, edges, objects, organisations, in the model's names), so it can
 * be replayed: `VISIBILITY_SEEDS=<seed> npx vitest run test/oracle/visibility`, and the model's answer from
 * `deriveChain(replayableLog(generateRandomChain({ seed }).log).log)` for that viewer and root.
 */

/** Each covers every feature of the generator: native links, operator writes, split transformations, disorder. */
const DEFAULT_SEEDS = [26, 33, 35, 46];
/**
 * To replay some chains only: `VISIBILITY_SEEDS=7,8` and / or `VISIBILITY_SCENARIOS=late-packing` (either one set
 * selects exactly what the two list).
 */
const SELECTED = process.env.VISIBILITY_SEEDS !== undefined || process.env.VISIBILITY_SCENARIOS !== undefined;
const listed = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const SEEDS = SELECTED ? listed(process.env.VISIBILITY_SEEDS).map(Number) : DEFAULT_SEEDS;
const CHOSEN_SCENARIOS = SELECTED
  ? SCENARIOS.filter((s) => listed(process.env.VISIBILITY_SCENARIOS).includes(s.name))
  : SCENARIOS;

/** Roots per request: four aliased reads each, so at most 8 aliases per request (the brief allows 10). */
const ROOTS_PER_REQUEST = 2;
/** Requests in flight at once (two cores, shared with Neo4j). */
const CONCURRENCY = 3;

type Read = "resolveCode" | "upstream" | "downstream" | "recallImpact";

/**
 * KNOWN DIFFERENCES between the service and the model: each entry one comparison (chain, viewer, root, read) that is
 * expected to differ, with the reason in one line. Each is shown by a minimal scenario of scenarios.ts. A listed
 * comparison that agrees again fails the test (remove it then); any other difference fails as usual.
 */
const DELETE_BEFORE_ADD =
  "service limitation (flow writing, needs a design change): a DELETE captured before its ADD ends no containment, so the item is received with its case";
const DELETE_AFTER_SHIPMENT =
  "service limitation (design: marks are monotone): a receipt marked when the shipment was written is not withdrawn by a DELETE that arrives later";
const ONE_TRANSFORMATION =
  "interpretation: the service gives each edge of a transformationID every party of all its events; the model only the input's and the output's events'";

const ALL_READS: Read[] = ["resolveCode", "upstream", "downstream", "recallImpact"];

function known(chain: string, viewer: string, reads: Record<ObjectKey, Read[]>, reason: string) {
  return Object.entries(reads).flatMap(([root, list]) => list.map((read) => ({ chain, viewer, root, read, reason })));
}

const KNOWN_DIFFERENCES: { chain: string; viewer: string; root: ObjectKey; read: Read; reason: string }[] = [
  ...known("scenario late-unpacking-first", "R (PARTNER)", { L: ALL_READS, i2: ["upstream"] }, DELETE_BEFORE_ADD),
  ...known(
    "scenario late-unpacking-after-shipment",
    "R (PARTNER)",
    { L: ALL_READS, i2: ["upstream"] },
    DELETE_AFTER_SHIPMENT,
  ),
  ...known(
    "scenario three-event-transformation",
    "M2 (MANUFACTURER)",
    { P1: ALL_READS, lotA: ["downstream", "recallImpact"] },
    ONE_TRANSFORMATION,
  ),
];

/** The same differences, seen in a viewer's events list (an event is listed when an edge it caused is visible). */
const KNOWN_EVENT_DIFFERENCES: { chain: string; viewer: string; reason: string }[] = [
  { chain: "scenario late-unpacking-first", viewer: "R (PARTNER)", reason: DELETE_BEFORE_ADD },
  { chain: "scenario late-unpacking-after-shipment", viewer: "R (PARTNER)", reason: DELETE_AFTER_SHIPMENT },
  {
    chain: "scenario three-event-transformation",
    viewer: "M2 (MANUFACTURER)",
    reason: `${ONE_TRANSFORMATION}; and a joined edge names one of the events only`,
  },
];

interface ViewerCase {
  /** How messages name it: the model's organisation, or ADMIN. */
  name: string;
  viewer: Viewer;
  principal: Principal;
}

interface Mismatch {
  viewer: string;
  root: ObjectKey;
  read: Read;
  detail: string;
}

const GRAPH = "nodes { key } edges { from to kind }";
const RECALL = `totalCount organizations { organization { id } objectCount }
  objects(first: 100) { edges { node { key } } pageInfo { hasNextPage endCursor } }`;

function readsQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$c${i}: String!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `r${i}: resolveCode(code: $c${i}) { key }
u${i}: upstream(code: $c${i}, maxDepth: 16) { ${GRAPH} }
d${i}: downstream(code: $c${i}, maxDepth: 16) { ${GRAPH} }
i${i}: recallImpact(code: $c${i}) { ${RECALL} }`,
  ).join("\n");
  return `query VisibilityReads(${vars}) {\n${fields}\n}`;
}

const RECALL_PAGE = `query VisibilityRecallPage($code: String!, $after: String) {
  recallImpact(code: $code) { objects(first: 100, after: $after) { edges { node { key } } pageInfo { hasNextPage endCursor } } }
}`;

interface GqlGraph {
  nodes: { key: string }[];
  edges: { from: string; to: string; kind: string }[];
}
interface GqlObjects {
  edges: { node: { key: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface GqlRecall {
  totalCount: number;
  organizations: { organization: { id: string }; objectCount: number }[];
  objects: GqlObjects;
}
interface Answer {
  resolved: string | null;
  up: GqlGraph;
  down: GqlGraph;
  recall: GqlRecall & { keys: string[] };
}

/** Every root's four reads for one viewer, a few roots per request, recall pages followed to the end. */
async function readAll(principal: Principal, roots: readonly string[]): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (let start = 0; start < roots.length; start += ROOTS_PER_REQUEST) {
    const chunk = roots.slice(start, start + ROOTS_PER_REQUEST);
    const variables = Object.fromEntries(chunk.map((code, i) => [`c${i}`, code]));
    const result = await gql<Record<string, unknown>>(readsQuery(chunk.length), variables, { as: principal });
    if (result.errors?.length || !result.data) {
      throw new Error(`reads as ${principal.role} ${principal.organizationId}: ${JSON.stringify(result.errors)}`);
    }
    const data = result.data;
    for (const [i, code] of chunk.entries()) {
      const recall = data[`i${i}`] as GqlRecall;
      const keys = recall.objects.edges.map((e) => e.node.key);
      let page = recall.objects.pageInfo;
      while (page.hasNextPage) {
        const next = await gql<{ recallImpact: { objects: GqlObjects } }>(
          RECALL_PAGE,
          { code, after: page.endCursor },
          { as: principal },
        );
        if (next.errors?.length || !next.data) throw new Error(`recall page: ${JSON.stringify(next.errors)}`);
        keys.push(...next.data.recallImpact.objects.edges.map((e) => e.node.key));
        page = next.data.recallImpact.objects.pageInfo;
      }
      answers.set(code, {
        resolved: (data[`r${i}`] as { key: string } | null)?.key ?? null,
        up: data[`u${i}`] as GqlGraph,
        down: data[`d${i}`] as GqlGraph,
        recall: { ...recall, keys },
      });
    }
  }
  return answers;
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, run));
}

// --- comparing ---------------------------------------------------------------------------------------------------

/** Differences between two sets of lines, named with the model's names where the real key has one. */
function setDiff(label: string, actual: Iterable<string>, expected: Iterable<string>): string[] {
  const a = new Set(actual);
  const e = new Set(expected);
  const extra = [...a].filter((x) => !e.has(x)).sort();
  const missing = [...e].filter((x) => !a.has(x)).sort();
  return [
    ...(missing.length ? [`missing ${label}: ${missing.join("; ")}`] : []),
    ...(extra.length ? [`extra ${label}: ${extra.join("; ")}`] : []),
  ];
}

class Namer {
  constructor(private readonly replayed: ReplayedChain) {}

  real(model: string): string {
    const real = this.replayed.keys.get(model) ?? this.replayed.orgIds.get(model);
    if (!real) throw new Error(`no real key for ${model}`);
    return real;
  }

  /** A real key as the model names it (unknown keys as they are, marked). */
  model(real: string): string {
    return this.replayed.names.get(real) ?? `?${real}`;
  }

  edge(e: { kind: string; from: string; to: string }): string {
    return `${e.kind} ${this.model(e.from)} -> ${this.model(e.to)}`;
  }

  modelEdge(e: EdgeTriple): string {
    return `${e.kind} ${e.from} -> ${e.to}`;
  }
}

function compareGraph(namer: Namer, actual: GqlGraph, expected: TraceView): string[] {
  return [
    ...setDiff(
      "nodes",
      actual.nodes.map((n) => namer.model(n.key)),
      expected.nodes,
    ),
    ...setDiff(
      "edges",
      actual.edges.map((e) => namer.edge(e)),
      expected.edges.map((e) => namer.modelEdge(e)),
    ),
  ];
}

function compareRoot(
  chain: DerivedChain,
  namer: Namer,
  viewer: ViewerCase,
  root: ObjectKey,
  answer: Answer,
): Mismatch[] {
  const out: Mismatch[] = [];
  const add = (read: Read, lines: string[]) => {
    if (lines.length) out.push({ viewer: viewer.name, root, read, detail: lines.join(" | ") });
  };
  const resolves = resolvable(chain, root, viewer.viewer);
  const realRoot = namer.real(root);
  if (resolves !== (answer.resolved !== null)) {
    add("resolveCode", [`model says ${resolves ? "resolvable" : "null"}, service answered ${answer.resolved}`]);
  } else if (answer.resolved !== null && answer.resolved !== realRoot) {
    add("resolveCode", [`resolved to ${answer.resolved}, not ${realRoot}`]);
  }
  add("upstream", compareGraph(namer, answer.up, upstream(chain, root, viewer.viewer)));
  add("downstream", compareGraph(namer, answer.down, downstream(chain, root, viewer.viewer)));
  const recall = recallImpact(chain, root, viewer.viewer);
  add("recallImpact", [
    ...(answer.recall.totalCount !== recall.objects.length
      ? [`totalCount ${answer.recall.totalCount}, model ${recall.objects.length}`]
      : []),
    ...setDiff(
      "objects",
      answer.recall.keys.map((k) => namer.model(k)),
      recall.objects,
    ),
    ...(answer.recall.keys.length !== new Set(answer.recall.keys).size ? ["an object listed twice"] : []),
    ...setDiff(
      "organizations",
      answer.recall.organizations.map((o) => `${namer.model(o.organization.id)} x${o.objectCount}`),
      recall.organizations.map((o) => `${o.id} x${o.objectCount}`),
    ),
  ]);
  return out;
}

const EVENTS_PAGE = `query VisibilityEvents($ids: [String!], $after: String) {
  events(filter: { EQ_eventID: $ids }, first: 100, after: $after) {
    edges { node { eventId } } pageInfo { hasNextPage endCursor }
  }
}`;

interface EventsPage {
  events: { edges: { node: { eventId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Every page of `events` the principal gets for `ids`, followed to the end. */
async function listEvents(principal: Principal, ids: readonly string[]): Promise<string[]> {
  const listed: string[] = [];
  let after: string | null = null;
  for (;;) {
    const result: { data?: EventsPage | null; errors?: readonly unknown[] } = await gql<EventsPage>(
      EVENTS_PAGE,
      { ids, after },
      { as: principal },
    );
    if (result.errors?.length || !result.data) throw new Error(`events page: ${JSON.stringify(result.errors)}`);
    listed.push(...result.data.events.edges.map((e) => e.node.eventId));
    if (!result.data.events.pageInfo.hasNextPage) return listed;
    after = result.data.events.pageInfo.endCursor;
  }
}

// --- the tests ---------------------------------------------------------------------------------------------------

/** Replays `log`, then compares every viewer's reads of every object with the model's; `label` names the chain. */
function describeChain(label: string, about: string, makeLog: () => ChainLog) {
  describe(`§6 visibility of ${label} (${about}), replayed through the API, equals the model's`, () => {
    const log = makeLog();
    let replayed: ReplayedChain;
    let chain: DerivedChain;
    let viewers: ViewerCase[];

    beforeAll(async () => {
      const started = Date.now();
      replayed = await replayChain(log);
      chain = deriveChain(replayed.log);
      const party = (org: OrgId): ViewerCase => {
        const role = replayed.roles.get(org) ?? "PARTNER";
        const id = replayed.orgIds.get(org) ?? "";
        return { name: `${org} (${role})`, viewer: { role, org }, principal: principalOf(role, id) };
      };
      viewers = [
        ...log.organizations.map((o) => party(o.id)),
        { name: "ADMIN (operator)", viewer: { role: "ADMIN", org: null }, principal: principalOf("ADMIN", null) },
      ];
      console.info(
        `${label}: replayed ${replayed.replayOrder.length} events in ${Date.now() - started} ms` +
          (replayed.adjustments.length ? `; model log adjusted: ${replayed.adjustments.join("; ")}` : ""),
      );
      // A replay takes about a minute on a quiet machine. The bound is wide because a timed-out hook does not stop
      // the replay: it would go on in the background and reset the fake Date under the next chain's replay.
    }, 600_000);

    it("every party's events pages list, of the events the replay knows by id, the model's, each once", async () => {
      const learnt = replayed.eventIds;
      expect(learnt.size, `${label}: the replay learnt no event id`).toBeGreaterThan(0);
      // Native events are listed under their EPCIS eventID (urn:tracegraph:native:…), and found by it.
      const modelName = new Map([...learnt].map(([model, real]) => [epcisEventId(real), model]));
      const ids = [...modelName.keys()];
      const mismatches: { viewer: string; line: string }[] = [];
      await pool(viewers, CONCURRENCY, async (viewer) => {
        const listed = await listEvents(viewer.principal, ids);
        const expected = visibleEvents(chain, viewer.viewer).filter((id) => learnt.has(id));
        const lines = setDiff(
          "events",
          listed.map((id) => modelName.get(id) ?? `?${id}`),
          expected,
        );
        if (listed.length !== new Set(listed).size) lines.push("an event listed twice");
        if (lines.length)
          mismatches.push({ viewer: viewer.name, line: `${label} | ${viewer.name} | ${lines.join(" | ")}` });
      });
      const known = KNOWN_EVENT_DIFFERENCES.filter((k) => k.chain === label);
      const reasonOf = (viewer: string) => known.find((k) => k.viewer === viewer)?.reason;
      for (const m of mismatches) {
        const reason = reasonOf(m.viewer);
        if (reason) console.info(`known difference (${reason}): ${m.line}`);
      }
      expect(
        mismatches.filter((m) => !reasonOf(m.viewer)).map((m) => m.line),
        `${label}: events lists that differ from the model`,
      ).toEqual([]);
      expect(
        known.filter((k) => !mismatches.some((m) => m.viewer === k.viewer)).map((k) => k.viewer),
        `${label}: known event differences that agree now (remove them from KNOWN_EVENT_DIFFERENCES)`,
      ).toEqual([]);
    }, 180_000);

    it("every party's resolveCode, upstream, downstream and recallImpact of every object", async () => {
      const started = Date.now();
      const namer = new Namer(replayed);
      const roots = [...chain.objectKeys].sort();
      const mismatches: Mismatch[] = [];
      await pool(viewers, CONCURRENCY, async (viewer) => {
        const answers = await readAll(
          viewer.principal,
          roots.map((r) => namer.real(r)),
        );
        for (const root of roots) {
          const answer = answers.get(namer.real(root));
          if (!answer) throw new Error(`no answer for ${root}`);
          mismatches.push(...compareRoot(chain, namer, viewer, root, answer));
        }
      });
      console.info(
        `${label}: ${viewers.length} viewers x ${roots.length} roots compared in ${Date.now() - started} ms`,
      );

      const known = KNOWN_DIFFERENCES.filter((k) => k.chain === label);
      const isKnown = (m: Mismatch) =>
        known.find((k) => k.viewer === m.viewer && k.root === m.root && k.read === m.read);
      const unexpected = mismatches.filter((m) => !isKnown(m));
      const stale = known.filter(
        (k) => !mismatches.some((m) => m.viewer === k.viewer && m.root === k.root && m.read === k.read),
      );
      const principals = new Map(viewers.map((v) => [v.name, v.principal]));
      const line = (m: Mismatch) => {
        const p = principals.get(m.viewer);
        return `${label} | ${m.viewer} as ${p?.role} ${p?.organizationId ?? "(operator)"} | root ${m.root} (${namer.real(m.root)}) | ${m.read}: ${m.detail}`;
      };
      for (const m of mismatches) {
        const reason = isKnown(m)?.reason;
        if (reason) console.info(`known difference (${reason}): ${line(m)}`);
      }
      expect(unexpected.map(line), `${label}: reads that differ from the model`).toEqual([]);
      expect(
        stale.map((k) => `${k.viewer} | ${k.root} | ${k.read}`),
        `${label}: known differences that agree now (remove them from KNOWN_DIFFERENCES)`,
      ).toEqual([]);
    }, 180_000);
  });
}

for (const seed of SEEDS) describeChain(`seed ${seed}`, "random chain", () => generateRandomChain({ seed }).log);
for (const scenario of CHOSEN_SCENARIOS) describeChain(`scenario ${scenario.name}`, scenario.about, () => scenario.log);
