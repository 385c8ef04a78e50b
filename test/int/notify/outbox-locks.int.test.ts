import type { Driver, Transaction } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimChanges,
  claimSubscriptions,
  lockSubscriptionsForFanOut,
  releaseFanOut,
} from "../../../src/graph/outbox.queries.js";
import type { Query } from "../../../src/graph/query.js";
import { closeTestServices, testDriver, uniqueSuffix } from "../../support/test-services.js";

/**
 * The outbox's statements on Neo4j (issue 19, notify latency): what they lock and what they write. Each test works
 * in transactions of its own that it rolls back, or on subscriptions of a queue no server serves, so the servers
 * other test files run meanwhile neither see nor disturb them.
 */
describe("outbox: locks and idle writes", { timeout: 60_000 }, () => {
  let driver: Driver;
  let database: string | undefined;
  beforeAll(async () => {
    ({ driver, database } = await testDriver());
  });
  afterAll(closeTestServices);

  const run = (tx: Transaction, q: Query) => tx.run(q.cypher, q.params);

  it("an idle claim of changes writes nothing; with a change to claim it takes the lease", async () => {
    const session = driver.session({ database });
    const tx = session.beginTransaction();
    try {
      // In this transaction alone: the gate exists, no process holds the fan-out lease and no change waits (others'
      // changes are deleted, then restored by the rollback).
      await tx.run(`MERGE (g:OutboxGate {id: "streams"}) SET g.count = 1, g.fanOutOwner = null, g.fanOutUntil = 0`);
      await tx.run(`MATCH (c:OutboxChange) DELETE c`);
      const owner = `test-owner-${uniqueSuffix()}`;

      const idle = await run(tx, claimChanges(owner, 30_000, 10));
      expect(idle.records).toHaveLength(0);
      expect(idle.summary.counters.updates().propertiesSet).toBe(0);

      await tx.run(
        `CREATE (:OutboxChange {id: $id, eventIds: [], alertIds: [], noticeIds: [], createdAt: timestamp(),
                                           leaseUntil: 0})`,
        { id: `test-change-${uniqueSuffix()}` },
      );
      const busy = await run(tx, claimChanges(owner, 30_000, 10));
      expect(busy.records).toHaveLength(1);
      const [gate] = (await tx.run(`MATCH (g:OutboxGate {id: "streams"}) RETURN g.fanOutOwner AS owner`)).records;
      expect(gate?.get("owner")).toBe(owner);
    } finally {
      await tx.rollback();
      await session.close();
    }
  });

  it("the fan-out lease is given back by its holder only", async () => {
    const session = driver.session({ database });
    const tx = session.beginTransaction();
    try {
      const [holder, other] = [`test-owner-${uniqueSuffix()}`, `test-owner-${uniqueSuffix()}`];
      await tx.run(
        `MERGE (g:OutboxGate {id: "streams"}) SET g.fanOutOwner = $holder, g.fanOutUntil = timestamp() + 30000`,
        {
          holder,
        },
      );
      const lease = async () => {
        const [gate] = (
          await tx.run(`MATCH (g:OutboxGate {id: "streams"}) RETURN g.fanOutOwner AS owner, g.fanOutUntil AS until`)
        ).records;
        return { owner: gate?.get("owner") as string | null, until: Number(gate?.get("until")) };
      };

      expect((await run(tx, releaseFanOut(other))).records).toHaveLength(0);
      expect((await lease()).owner).toBe(holder);
      expect((await run(tx, releaseFanOut(holder))).records).toHaveLength(1);
      expect(await lease()).toEqual({ owner: null, until: 0 });
    } finally {
      await tx.rollback();
      await session.close();
    }
  });

  it("a claim of subscriptions locks them in id order, as the fan-out does: the two never deadlock", async () => {
    const queue = `test-queue-${uniqueSuffix()}`;
    const [first, second] = [`${queue}-a`, `${queue}-b`];
    const setup = driver.session({ database });
    // The claim chooses `second` first (claimed longest ago); the fan-out locks `first` first (id order).
    await setup.run(
      `UNWIND $subs AS sub
       CREATE (:Subscription {id: sub.id, queue: $queue, active: true, pending: 1, leaseUntil: 0, retryAt: 0,
                              claimedAt: sub.claimedAt, nextSeq: 1})`,
      {
        queue,
        subs: [
          { id: first, claimedAt: 2 },
          { id: second, claimedAt: 1 },
        ],
      },
    );
    await setup.close();

    const fanOutSession = driver.session({ database });
    const fanOut = fanOutSession.beginTransaction();
    try {
      await run(fanOut, lockSubscriptionsForFanOut([{ subscriptionId: first, keys: [] }]));
      // The claim starts while the fan-out holds `first`; it must wait for it holding nothing else.
      // Explicit transactions on both sides, no retries: a deadlock fails the test whichever side Neo4j aborts.
      const claimSession = driver.session({ database });
      const claimTx = claimSession.beginTransaction({ timeout: 20_000 });
      const claiming = (async () => {
        try {
          const result = await run(claimTx, claimSubscriptions(queue, "test-worker", 30_000, 2, 5));
          await claimTx.commit();
          return result;
        } finally {
          if (claimTx.isOpen()) await claimTx.rollback();
          await claimSession.close();
        }
      })();
      // Seen by the test only when it fails before the fan-out's second lock.
      claiming.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Locked in the order the claim chose them, it would hold `second` now, and this would deadlock.
      await run(fanOut, lockSubscriptionsForFanOut([{ subscriptionId: second, keys: [] }]));
      await fanOut.commit();
      const claimed = await claiming;
      expect(claimed.records.map((r) => (r.get("subscription") as { id: string }).id).sort()).toEqual([first, second]);
    } finally {
      if (fanOut.isOpen()) await fanOut.rollback();
      await fanOutSession.close();
      const cleanup = driver.session({ database });
      await cleanup.run(`MATCH (s:Subscription) WHERE s.queue = $queue DETACH DELETE s`, { queue });
      await cleanup.close();
    }
  });
});
