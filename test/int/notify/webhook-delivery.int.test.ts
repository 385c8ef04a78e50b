import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authFetch } from "../../support/test-credentials.js";
import { DrillServer, drillQueue, until } from "../drills/drill-support.js";
import { closeTestServices, testDriver } from "../../support/test-services.js";
import { capture, deleteQueries, eventually, newParty, observation, subscribe, type Party } from "./notify-fixtures.js";
import { WebhookReceiver, expectedSignature } from "./webhook-receiver.js";

/**
 * Issue 18: EPCIS 2.0 subscriptions delivered at least once to webhooks, against the real server (child processes on
 * the tests' Neo4j) and a receiver on 127.0.0.1. Retries are fast here (NOTIFY_RETRY_*), leases short; every wait
 * polls for an outcome, none asserts on time.
 */
const NOTIFY_ENV = {
  WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
  NOTIFY_POLL_MS: "50",
  NOTIFY_LEASE_MS: "2000",
  WEBHOOK_TIMEOUT_MS: "1000",
  NOTIFY_RETRY_BASE_MS: "20",
  NOTIFY_RETRY_MAX_MS: "100",
};

const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await closeTestServices();
});

describe("EPCIS subscriptions: one server", { timeout: 120_000 }, () => {
  let server: DrillServer;
  let party: Party;

  beforeAll(async () => {
    server = await DrillServer.start("notify", { queue: drillQueue(), env: NOTIFY_ENV });
    party = await newParty(server.base);
  });
  afterAll(async () => {
    if (server) await deleteQueries(server.base);
    await server?.dispose();
  });

  it("subscribe, capture, receive: an EPCISQueryDocument signed with the signatureToken", async () => {
    const hook = receiver.hook();
    const token = "s3cret-token";
    await subscribe(server.base, party.key, hook.url, { signatureToken: token });
    const { eventID, event } = observation(party.site);
    await capture(server.base, party.key, [event]);

    await eventually("the callback", () => receiver.acceptedEventIds(hook.name).includes(eventID));
    const [callback] = receiver.accepted(hook.name);
    expect(callback!.keys).toEqual([eventID]);
    expect(callback!.signature).toBe(expectedSignature(callback!.body, token));
    expect(callback!.signature).not.toBe(expectedSignature(callback!.body, "another token"));
    const document = JSON.parse(callback!.body) as Record<string, unknown>;
    expect(document).toMatchObject({ type: "EPCISQueryDocument", schemaVersion: "2.0" });
  });

  it("a receiver down for a while, then back: every event arrives, in order, each accepted exactly once", async () => {
    // Down (503) for its first six callbacks, then up: a count, not a clock.
    const hook = receiver.hook(({ index }) => (index < 6 ? 503 : 200));
    await subscribe(server.base, party.key, hook.url);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { eventID, event } = observation(party.site);
      ids.push(eventID);
      await capture(server.base, party.key, [event]);
    }

    await eventually("every event accepted", () => receiver.acceptedEventIds(hook.name).length >= ids.length);
    expect(receiver.calls(hook.name).filter((c) => c.status === 503)).toHaveLength(6);
    expect(receiver.acceptedEventIds(hook.name)).toEqual(ids);
    expect(receiver.accepted(hook.name).flatMap((c) => c.keys)).toEqual(ids);
  });

  it("a receiver answering 413 gets smaller batches, down to one event per callback", async () => {
    // Holds its first callback (so the next events queue up behind it), then refuses any document of two or more.
    const hook = receiver.hook(({ eventIds, index }) => (index === 0 ? 500 : eventIds.length > 1 ? 413 : 200));
    await subscribe(server.base, party.key, hook.url);
    const events = Array.from({ length: 4 }, () => observation(party.site));
    await capture(
      server.base,
      party.key,
      events.map((e) => e.event),
    );

    await eventually("every event accepted", () => receiver.acceptedEventIds(hook.name).length >= 4);
    expect(receiver.calls(hook.name).some((c) => c.status === 413)).toBe(true);
    expect(receiver.accepted(hook.name).every((c) => c.eventIds.length === 1)).toBe(true);
    expect(new Set(receiver.acceptedEventIds(hook.name))).toEqual(new Set(events.map((e) => e.eventID)));
  });

  it("a partner never receives an event it may not see; a regulator's subscription receives both", async () => {
    const other = await newParty(server.base);
    const regulator = await newParty(server.base, "REGULATOR");
    const partnerHook = receiver.hook();
    const regulatorHook = receiver.hook();
    await subscribe(server.base, party.key, partnerHook.url);
    await subscribe(server.base, regulator.key, regulatorHook.url, {
      query: { EQ_bizLocation: [other.site, party.site] },
    });

    // First an event only `other` takes part in (at its own site), then one at the partner's site.
    const hidden = observation(other.site);
    await capture(server.base, other.key, [hidden.event]);
    const own = observation(party.site);
    await capture(server.base, party.key, [own.event]);

    await eventually("the partner's own event", () =>
      receiver.acceptedEventIds(partnerHook.name).includes(own.eventID),
    );
    await eventually("both at the regulator", () => receiver.acceptedEventIds(regulatorHook.name).length >= 2);
    expect(receiver.acceptedEventIds(regulatorHook.name)).toEqual([hidden.eventID, own.eventID]);
    // Delivered in order: the hidden event, matched before the partner's own, was never queued for the partner.
    expect(receiver.calls(partnerHook.name).flatMap((c) => c.eventIds)).toEqual([own.eventID]);
  });

  it("initialRecordTime: the events recorded since then, before the subscription, are sent too", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const before = observation(party.site);
    await capture(server.base, party.key, [before.event]);
    const hook = receiver.hook();
    await subscribe(server.base, party.key, hook.url, {
      initialRecordTime: since,
      query: { EQ_eventID: [before.eventID] },
    });
    await eventually("the event recorded before the subscription", () =>
      receiver.acceptedEventIds(hook.name).includes(before.eventID),
    );
    expect(receiver.acceptedEventIds(hook.name)).toEqual([before.eventID]);
  });

  it("a schedule: each run reports the events recorded since the last one; reportIfEmpty sends empty reports", async () => {
    const hook = receiver.hook();
    const emptyHook = receiver.hook();
    const site = { query: { EQ_bizLocation: [party.site] } };
    await subscribe(server.base, party.key, hook.url, { ...site, schedule: { second: "*/2" } });
    await subscribe(server.base, party.key, emptyHook.url, {
      query: { EQ_eventID: ["urn:uuid:never-captured"] },
      schedule: { second: "*/2" },
      reportIfEmpty: true,
    });
    const { eventID, event } = observation(party.site);
    await capture(server.base, party.key, [event]);

    await eventually("a scheduled report with the event", () => receiver.acceptedEventIds(hook.name).includes(eventID));
    const report = receiver.accepted(hook.name).find((c) => c.eventIds.includes(eventID))!;
    expect(report.keys[0]).toMatch(/^run:/);
    expect(receiver.acceptedEventIds(hook.name).filter((id) => id === eventID)).toHaveLength(1);
    await eventually("an empty report", () => receiver.accepted(emptyHook.name).length > 0);
    expect(receiver.accepted(emptyHook.name)[0]!.eventIds).toEqual([]);
  });

  it("refuses a destination that is not on WEBHOOK_ALLOWED_HOSTS, and a query parameter it does not serve", async () => {
    const name = `q-refused-${Date.now()}`;
    const created = await authFetch(`${server.base}/queries`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, query: { eventType: ["ObjectEvent"] } }),
      as: party.key,
    });
    expect(created.status).toBe(201);
    for (const dest of ["http://10.1.2.3/hook", "http://localhost:1/hook", "ftp://127.0.0.1/hook"]) {
      const res = await authFetch(`${server.base}/queries/${name}/subscriptions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ dest, stream: true }),
        as: party.key,
      });
      expect(res.status, dest).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe("dest");
    }
    const bad = await authFetch(`${server.base}/queries`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `${name}-2`, query: { EQ_nothing: ["x"] } }),
      as: party.key,
    });
    expect(bad.status).toBe(400);
  });

  it("another party's queries and subscriptions do not exist for it", async () => {
    const other = await newParty(server.base);
    const hook = receiver.hook();
    const { name, id } = await subscribe(server.base, party.key, hook.url);
    expect((await authFetch(`${server.base}/queries/${name}`, { as: other.key })).status).toBe(404);
    expect((await authFetch(`${server.base}/queries/${name}/subscriptions/${id}`, { as: other.key })).status).toBe(404);
    const own = await authFetch(`${server.base}/queries/${name}/subscriptions/${id}`, { as: party.key });
    expect(own.status).toBe(200);
    expect(JSON.stringify(await own.json())).not.toContain("signatureToken");
    expect((await authFetch(`${server.base}/queries/${name}`, { method: "DELETE", as: party.key })).status).toBe(204);
    expect((await authFetch(`${server.base}/queries/${name}`, { as: party.key })).status).toBe(404);
  });
});

describe("EPCIS subscriptions: dead letters and replay", { timeout: 120_000 }, () => {
  let server: DrillServer;

  beforeAll(async () => {
    // Retries give up after 300 ms here (24 hours by default).
    server = await DrillServer.start("notify-dead", {
      queue: drillQueue(),
      env: { ...NOTIFY_ENV, NOTIFY_RETRY_WINDOW_MS: "300" },
    });
  });
  afterAll(async () => {
    if (server) await deleteQueries(server.base);
    await server?.dispose();
  });

  it("an event that keeps failing goes to the dead letters; replayed, it arrives; the queue moved on meanwhile", async () => {
    const party = await newParty(server.base);
    let up = false;
    const first = observation(party.site);
    const hook = receiver.hook(({ eventIds }) => (up || !eventIds.includes(first.eventID) ? 200 : 500));
    const { name, id } = await subscribe(server.base, party.key, hook.url);
    await capture(server.base, party.key, [first.event]);
    const second = observation(party.site);
    await capture(server.base, party.key, [second.event]);

    await eventually("the second event, past the dead one", () =>
      receiver.acceptedEventIds(hook.name).includes(second.eventID),
    );
    const base = `${server.base}/queries/${name}/subscriptions/${id}`;
    const dead = (await (await authFetch(`${base}/dead-letters`, { as: party.key })).json()) as {
      deadLetters: { key: string; lastError: string }[];
    };
    expect(dead.deadLetters.map((d) => d.key)).toEqual([first.eventID]);
    expect(dead.deadLetters[0]!.lastError).toContain("500");

    up = true;
    const replay = await authFetch(`${base}/dead-letters/replay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      as: party.key,
    });
    expect(await replay.json()).toEqual({ replayed: 1 });
    await eventually("the replayed event", () => receiver.acceptedEventIds(hook.name).includes(first.eventID));
    expect(receiver.acceptedEventIds(hook.name)).toEqual([second.eventID, first.eventID]);
  });
});

describe("drills: delivery survives kill -9 and a second server", { timeout: 150_000 }, () => {
  const servers: DrillServer[] = [];
  const start = async (name: string, queue: string, env: Record<string, string> = {}) => {
    const server = await DrillServer.start(name, { queue, env: { ...NOTIFY_ENV, ...env } });
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    const live = servers.at(-1);
    if (live) await deleteQueries(live.base);
    await Promise.all(servers.splice(0).map((s) => s.dispose()));
  });

  it("kill -9 with a callback in flight: after the restart the event still arrives, accepted once", async () => {
    const queue = drillQueue();
    const first = await start("first", queue);
    const party = await newParty(first.base);
    // The first callback never gets an answer: the server dies while it waits.
    const hook = receiver.hook(({ index }) => (index === 0 ? "hang" : 200));
    await subscribe(first.base, party.key, hook.url);
    const { eventID, event } = observation(party.site);
    await capture(first.base, party.key, [event]);
    await eventually("the first callback in flight", () => receiver.calls(hook.name).length === 1);
    await first.kill9();

    await start("restarted", queue);
    await eventually("the event, after the restart", () => receiver.acceptedEventIds(hook.name).includes(eventID));
    expect(receiver.acceptedEventIds(hook.name)).toEqual([eventID]);
  });

  it("kill -9 after the commit, before any delivery: the restarted server delivers it", async () => {
    const queue = drillQueue();
    // A server that delivers nothing (NOTIFY_CONCURRENCY=0): the capture commits with its outbox change, and stays.
    const first = await start("committing", queue, { NOTIFY_CONCURRENCY: "0" });
    const party = await newParty(first.base);
    const hook = receiver.hook();
    await subscribe(first.base, party.key, hook.url);
    const { eventID, event } = observation(party.site);
    await capture(first.base, party.key, [event]);
    await first.kill9();
    expect(receiver.calls(hook.name)).toEqual([]);

    await start("delivering", queue);
    await eventually("the event, after the restart", () => receiver.acceptedEventIds(hook.name).includes(eventID));
    expect(receiver.acceptedEventIds(hook.name)).toEqual([eventID]);
  });

  it("a server stopped with SIGTERM gives the fan-out lease back (another fans out now, not when it runs out)", async () => {
    // The default lease (30 s): kept after the exit, it would still name the stopped server below.
    const server = await start("stopping", drillQueue(), { NOTIFY_LEASE_MS: "30000" });
    const party = await newParty(server.base);
    const hook = receiver.hook();
    await subscribe(server.base, party.key, hook.url);
    const owner = server.notifyOwner;
    expect(owner).toBeDefined();
    // Its own captures wake its fan-out at once, so it soon holds the lease (another process may hold it a while).
    await until("the fan-out lease held by the server", async () => {
      const { eventID, event } = observation(party.site);
      await capture(server.base, party.key, [event]);
      await eventually("the event", () => receiver.acceptedEventIds(hook.name).includes(eventID));
      return (await fanOutLease()).owner === owner ? true : undefined;
    });
    await deleteQueries(server.base);

    expect((await server.terminate()).code).toBe(0);
    const lease = await fanOutLease();
    expect(lease.owner === owner && lease.until > Date.now(), JSON.stringify(lease)).toBe(false);
  });

  it("two servers on one Neo4j: each event is delivered once, never two callbacks of a subscription at once", async () => {
    const queue = drillQueue();
    const [a, b] = await Promise.all([start("a", queue), start("b", queue)]);
    const party = await newParty(a.base);
    const hooks = [receiver.hook(), receiver.hook(), receiver.hook()];
    for (const hook of hooks) await subscribe(a.base, party.key, hook.url);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { eventID, event } = observation(party.site);
      ids.push(eventID);
      await capture(i % 2 === 0 ? a.base : b.base, party.key, [event]);
    }

    for (const hook of hooks) {
      await eventually("every event at every hook", () => receiver.acceptedEventIds(hook.name).length >= ids.length);
    }
    for (const hook of hooks) {
      const received = receiver.calls(hook.name).flatMap((c) => c.eventIds);
      expect(received.length).toBe(ids.length);
      expect(new Set(received)).toEqual(new Set(ids));
      expect(receiver.maxInFlight.get(hook.name)).toBe(1);
    }
  });
});

/** Who holds the fan-out lease, and until when (epoch ms of the database's clock). */
async function fanOutLease(): Promise<{ owner: string | null; until: number }> {
  const { driver, database } = await testDriver();
  const [row] = (
    await driver.executeQuery(
      `MATCH (g:OutboxGate {id: "streams"}) RETURN g.fanOutOwner AS owner, coalesce(g.fanOutUntil, 0) AS until`,
      {},
      { database },
    )
  ).records;
  return { owner: (row?.get("owner") as string | null) ?? null, until: Number(row?.get("until") ?? 0) };
}
