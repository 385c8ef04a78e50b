import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * Cypher of the notification outbox (OutboxRepository, issue 18 item 4).
 *
 * - `(:OutboxChange {id, eventIds, alertIds, createdAt, leaseOwner, leaseUntil})`: one per transaction that captured
 *   events, written IN that transaction (so nothing is lost if the process dies after the commit), and only while a
 *   streaming subscription exists (the `(:OutboxGate {id: "streams"})` counter): bulk ingest without subscribers
 *   writes nothing more.
 * - A fan-out worker (the one holding the fan-out lease on the gate) claims changes with a lease (as jobs are
 *   claimed, job.queries.ts), matches them against every streaming subscription as its subscriber may see them, and
 *   turns them into `(:Delivery)` items of each subscription, numbered in order (`seq`), in one transaction that also
 *   deletes the changes.
 * - A delivery worker claims subscriptions with a lease each (so of several processes one delivers a subscription's
 *   items, in order), many in one statement, posts their items, and deletes them once delivered (many in one
 *   statement), or retries later, or dead-letters them.
 *
 * Leases are in milliseconds of the database's clock (`timestamp()`). Statements that must only take effect for the
 * lease holder first take the node's write lock (an update), then check the owner.
 */

const GATE = `MATCH (g:OutboxGate {id: "streams"}) WHERE g.count > 0`;

const RECORD_CHANGE = `
${GATE}
CREATE (c:OutboxChange {id: $id, eventIds: $eventIds, alertIds: $alertIds, noticeIds: $noticeIds, createdAt: timestamp(),
                        leaseUntil: 0})
RETURN c.id AS id`;

/**
 * A change to fan out, in the transaction that made it (events captured, alerts raised, recall notices sent);
 * nothing when no streaming subscription exists.
 */
export function recordChange(
  id: string,
  eventIds: readonly string[],
  alertIds: readonly string[],
  noticeIds: readonly string[] = [],
): Query {
  return query("outbox.recordChange", RECORD_CHANGE, {
    id,
    eventIds: [...eventIds],
    alertIds: [...alertIds],
    noticeIds: [...noticeIds],
  });
}

const ADJUST_GATE = `
MERGE (g:OutboxGate {id: "streams"})
ON CREATE SET g.count = 0
SET g.count = g.count + $delta
RETURN g.count AS count`;

/** Counts streaming subscriptions up or down (in the transaction that creates or ends one). */
export function adjustStreamGate(delta: number): Query {
  return query("outbox.adjustGate", ADJUST_GATE, { delta: neo4j.int(delta) });
}

const CLAIM_CHANGES = `
MATCH (g:OutboxGate {id: "streams"})
WHERE size($inFlight) > 0 OR EXISTS { MATCH (c:OutboxChange) WHERE c.leaseUntil >= 0 AND NOT c.id IN $inFlight }
SET g.locked = true
REMOVE g.locked
WITH g
WHERE coalesce(g.fanOutUntil, 0) < timestamp() OR g.fanOutOwner = $owner
SET g.fanOutOwner = $owner, g.fanOutUntil = timestamp() + $leaseMs
WITH g
MATCH (c:OutboxChange)
WHERE c.leaseUntil >= 0 AND NOT c.id IN $inFlight
WITH c ORDER BY c.createdAt ASC LIMIT $limit
SET c.leaseOwner = $owner, c.leaseUntil = timestamp() + $leaseMs
RETURN c.id AS id, c.eventIds AS eventIds, c.alertIds AS alertIds, c.noticeIds AS noticeIds
ORDER BY c.createdAt ASC`;

/**
 * Claims up to `limit` of the oldest changes, for the one worker that holds the fan-out lease (on the gate node,
 * `leaseMs`, renewed by each claim): of several processes, one fans out at a time, so changes are queued in the
 * order they were written even when a round fails half-way (its changes are claimed again, first, by the next).
 * Another process takes the lease over once it runs out; the changes' own leases then let the old holder's late
 * write (deleteChanges) find them no longer its own. `inFlight`: changes this worker's earlier rounds still fan out.
 * An idle poll (nothing to claim, no round under way) writes nothing: it neither needs nor renews the lease (it
 * renewed it every 200 ms before, five commits a second on an idle service).
 */
export function claimChanges(owner: string, leaseMs: number, limit: number, inFlight: readonly string[] = []): Query {
  return query("outbox.claimChanges", CLAIM_CHANGES, {
    owner,
    leaseMs: neo4j.int(leaseMs),
    limit: neo4j.int(limit),
    inFlight: [...inFlight],
  });
}

const RELEASE_FAN_OUT = `
MATCH (g:OutboxGate {id: "streams"})
SET g.locked = true
REMOVE g.locked
WITH g
WHERE g.fanOutOwner = $owner
SET g.fanOutOwner = null, g.fanOutUntil = 0
RETURN g.id AS id`;

/**
 * Gives the fan-out lease back (a process stopping, its rounds drained): another process fans out at its next poll
 * instead of when the lease runs out (NOTIFY_LEASE_MS, 30 s by default), so a rolling restart does not hold every
 * subscription's notifications for that long. Nothing when another process holds the lease.
 */
export function releaseFanOut(owner: string): Query {
  return query("outbox.releaseFanOut", RELEASE_FAN_OUT, { owner });
}

const DELETE_CHANGES = `
UNWIND $ids AS id
MATCH (c:OutboxChange {id: id})
SET c.locked = true
REMOVE c.locked
WITH c
WHERE c.leaseOwner = $owner
DELETE c
RETURN count(*) AS deleted`;

/** Ends fanned-out changes, only for their lease holder (the caller rolls back when fewer are deleted). */
export function deleteChanges(ids: readonly string[], owner: string): Query {
  return query("outbox.deleteChanges", DELETE_CHANGES, { ids: [...ids], owner });
}

const CHANGES_HELD = `
UNWIND $ids AS id
MATCH (c:OutboxChange {id: id})
WHERE c.leaseOwner = $owner
RETURN count(c) AS held`;

/** How many of the changes `owner` still holds (a fan-out taken over by another process holds fewer). */
export function changesHeld(ids: readonly string[], owner: string): Query {
  return query("outbox.changesHeld", CHANGES_HELD, { ids: [...ids], owner });
}

const LOCK_SUBSCRIPTIONS = `
UNWIND $items AS item
MATCH (s:Subscription {id: item.subscriptionId})
WHERE s.active = true
SET s.locked = true
REMOVE s.locked
WITH s, item
CALL (s, item) {
  UNWIND item.keys AS key
  MATCH (d:Delivery {id: s.id + "|" + key})
  RETURN collect(d.key) AS existing
}
RETURN s.id AS subscriptionId, s.nextSeq AS nextSeq, existing`;

/**
 * Locks each subscription (in the order given: sorted by the caller, so two fan-outs never wait on each other in a
 * cycle) and tells which of its keys are queued already, and its next sequence number.
 */
export function lockSubscriptionsForFanOut(items: readonly { subscriptionId: string; keys: string[] }[]): Query {
  return query("outbox.lockSubscriptions", LOCK_SUBSCRIPTIONS, { items: items.map((i) => ({ ...i })) });
}

export interface NewDelivery {
  subscriptionId: string;
  key: string;
  seq: number;
  kind: string;
  /** REPORT items: the recordTime window [from, to) the scheduled run reports. */
  from: string | null;
  to: string | null;
}

const CREATE_DELIVERIES = `
UNWIND $rows AS row
CREATE (d:Delivery {id: row.subscriptionId + "|" + row.key, subscriptionId: row.subscriptionId, key: row.key,
                    seq: row.seq, kind: row.kind, from: row.from, to: row.to, status: "PENDING", attempts: 0,
                    createdAt: timestamp()})
WITH row.subscriptionId AS subscriptionId, count(*) AS added, max(row.seq) AS last
MATCH (s:Subscription {id: subscriptionId})
SET s.pending = coalesce(s.pending, 0) + added, s.nextSeq = last + 1
RETURN subscriptionId, added`;

/** Queues new items (their subscriptions locked by the caller's transaction) and counts them as pending. */
export function createDeliveries(rows: readonly NewDelivery[]): Query {
  return query("outbox.createDeliveries", CREATE_DELIVERIES, {
    rows: rows.map((r) => ({ ...r, seq: neo4j.int(r.seq) })),
  });
}

const CLAIM_SUBSCRIPTIONS = `
MATCH (s:Subscription)
WHERE s.pending > 0 AND s.queue = $queue AND s.active = true AND s.leaseUntil < timestamp()
  AND s.retryAt <= timestamp()
WITH s ORDER BY coalesce(s.claimedAt, 0) ASC LIMIT $limit
WITH s ORDER BY s.id ASC
SET s.locked = true
REMOVE s.locked
WITH s
WHERE s.pending > 0 AND s.active = true AND s.leaseUntil < timestamp() AND s.retryAt <= timestamp()
SET s.leaseOwner = $owner, s.leaseUntil = timestamp() + $leaseMs, s.claimedAt = timestamp()
WITH s
CALL (s) {
  MATCH (d:Delivery {subscriptionId: s.id})
  WHERE d.status = "PENDING"
  WITH d ORDER BY d.seq ASC LIMIT $items
  RETURN collect(d {.id, .key, .seq, .kind, .from, .to, .attempts, .firstFailedAt}) AS deliveries
}
RETURN s {.id, .queryName, .dest, .signatureToken, .principal, .batchSize, .failures, .reportIfEmpty, .params} AS subscription,
       deliveries`;

/**
 * Claims up to `limit` subscriptions of `queue` with items due, the least recently claimed first (every subscription
 * gets its turn under load), each for delivery by `owner` alone until its lease runs out, with its next `items` items
 * in order. The chosen ones are locked in id order, as the fan-out and deliveredMany lock theirs: locked in the order
 * they were chosen, a claim and a fan-out deadlocked under load (each retried after 100-230 ms).
 */
export function claimSubscriptions(queue: string, owner: string, leaseMs: number, limit: number, items: number): Query {
  return query("outbox.claimSubscriptions", CLAIM_SUBSCRIPTIONS, {
    queue,
    owner,
    leaseMs: neo4j.int(leaseMs),
    limit: neo4j.int(limit),
    items: neo4j.int(items),
  });
}

/** Takes the subscription's write lock, then keeps the row only while `$owner` holds its lease. */
const HELD = `
MATCH (s:Subscription {id: $id})
SET s.locked = true
REMOVE s.locked
WITH s
WHERE s.leaseOwner = $owner AND s.leaseUntil >= timestamp()`;

const RENEW = `${HELD}
SET s.leaseUntil = timestamp() + $leaseMs
RETURN s.id AS id`;

/** Renews the lease before a post; no row when it is no longer `owner`'s (then the worker posts nothing). */
export function renewSubscriptionLease(id: string, owner: string, leaseMs: number): Query {
  return query("outbox.renewLease", RENEW, { id, owner, leaseMs: neo4j.int(leaseMs) });
}

const RELEASE = `
MATCH (s:Subscription {id: $id})
SET s.locked = true
REMOVE s.locked
WITH s
WHERE s.leaseOwner = $owner
SET s.leaseOwner = null, s.leaseUntil = 0
RETURN s.id AS id`;

export function releaseSubscription(id: string, owner: string): Query {
  return query("outbox.releaseSubscription", RELEASE, { id, owner });
}

const PENDING = `
MATCH (d:Delivery {subscriptionId: $id})
WHERE d.status = "PENDING"
RETURN d {.id, .key, .seq, .kind, .from, .to, .attempts, .firstFailedAt} AS delivery
ORDER BY d.seq ASC
LIMIT $limit`;

/** A subscription's next items, in order. */
export function pendingDeliveries(id: string, limit: number): Query {
  return query("outbox.pending", PENDING, { id, limit: neo4j.int(limit) });
}

const DELIVERED = `${HELD}
WITH s
UNWIND $ids AS did
MATCH (d:Delivery {id: did})
WHERE d.status = "PENDING"
DELETE d
WITH s, count(*) AS done
SET s.pending = s.pending - done, s.delivered = coalesce(s.delivered, 0) + done, s.failures = 0, s.retryAt = 0,
    s.batchSize = $batchSize, s.lastDeliveredAt = datetime(),
    s.leaseOwner = CASE WHEN $release THEN null ELSE s.leaseOwner END,
    s.leaseUntil = CASE WHEN $release THEN 0 ELSE timestamp() + $leaseMs END
RETURN done`;

/**
 * Items the receiver accepted: gone from the queue, the subscription's failures reset (lease holder only); with
 * `release`, the lease is given back in the same statement.
 */
export function markDelivered(
  id: string,
  owner: string,
  ids: readonly string[],
  batchSize: number,
  leaseMs: number,
  release = false,
) {
  return query("outbox.delivered", DELIVERED, {
    id,
    owner,
    ids: [...ids],
    batchSize: neo4j.int(batchSize),
    leaseMs: neo4j.int(leaseMs),
    release,
  });
}

const DELIVERED_MANY = `
UNWIND $rows AS row
MATCH (s:Subscription {id: row.subscriptionId})
SET s.locked = true
REMOVE s.locked
WITH s, row
WHERE s.leaseOwner = $owner AND s.leaseUntil >= timestamp()
CALL (s, row) {
  UNWIND row.ids AS did
  MATCH (d:Delivery {id: did})
  WHERE d.status = "PENDING"
  DELETE d
  RETURN count(*) AS done
}
SET s.pending = s.pending - done, s.delivered = coalesce(s.delivered, 0) + done, s.failures = 0, s.retryAt = 0,
    s.batchSize = row.batchSize, s.lastDeliveredAt = datetime(), s.leaseOwner = null, s.leaseUntil = 0
RETURN s.id AS id`;

/**
 * Items several subscriptions' receivers accepted, in one statement: gone from their queues, failures reset, leases
 * given back; only where `owner` still holds the lease (the ids of those answer). Rows are locked in the order given
 * (sorted by the caller, as the fan-out locks them).
 */
export function markDeliveredMany(
  owner: string,
  rows: readonly { subscriptionId: string; ids: readonly string[]; batchSize: number }[],
): Query {
  return query("outbox.deliveredMany", DELIVERED_MANY, {
    owner,
    rows: rows.map((r) => ({ subscriptionId: r.subscriptionId, ids: [...r.ids], batchSize: neo4j.int(r.batchSize) })),
  });
}

const FAILED = `${HELD}
WITH s
UNWIND $ids AS did
MATCH (d:Delivery {id: did})
WHERE d.status = "PENDING"
SET d.attempts = d.attempts + 1, d.firstFailedAt = coalesce(d.firstFailedAt, timestamp()), d.lastError = $error
WITH s, count(*) AS n
SET s.failures = coalesce(s.failures, 0) + 1, s.retryAt = timestamp() + $delayMs, s.batchSize = $batchSize,
    s.lastError = $error
RETURN n`;

/** A failed post: the items' attempts counted; the subscription waits `delayMs` before its next try. */
export function markFailed(
  id: string,
  owner: string,
  ids: readonly string[],
  error: string,
  delayMs: number,
  batchSize: number,
) {
  return query("outbox.failed", FAILED, {
    id,
    owner,
    ids: [...ids],
    error,
    delayMs: neo4j.int(delayMs),
    batchSize: neo4j.int(batchSize),
  });
}

const DEAD = `${HELD}
WITH s
UNWIND $ids AS did
MATCH (d:Delivery {id: did})
WHERE d.status = "PENDING"
SET d.status = "DEAD", d.deadAt = datetime(), d.lastError = $error
WITH s, count(*) AS n
SET s.pending = s.pending - n, s.dead = coalesce(s.dead, 0) + n, s.failures = 0, s.retryAt = 0
RETURN n`;

/** Items that kept failing past the retry window (or can never be accepted): off the queue, kept for replay. */
export function markDead(id: string, owner: string, ids: readonly string[], error: string): Query {
  return query("outbox.dead", DEAD, { id, owner, ids: [...ids], error });
}

const DEAD_LETTERS = `
MATCH (d:Delivery {subscriptionId: $id})
WHERE d.status = "DEAD"
RETURN d {.key, .seq, .kind, .attempts, .lastError, .deadAt, .from, .to} AS delivery
ORDER BY d.seq ASC
LIMIT $limit`;

export function deadLetters(id: string, limit: number): Query {
  return query("outbox.deadLetters", DEAD_LETTERS, { id, limit: neo4j.int(limit) });
}

const REPLAY = `
MATCH (s:Subscription {id: $id})
SET s.locked = true
REMOVE s.locked
WITH s
MATCH (d:Delivery {subscriptionId: s.id})
WHERE d.status = "DEAD" AND ($keys IS NULL OR d.key IN $keys)
SET d.status = "PENDING", d.attempts = 0, d.firstFailedAt = null, d.deadAt = null
WITH s, count(d) AS n
SET s.pending = coalesce(s.pending, 0) + n, s.dead = s.dead - n, s.retryAt = 0
RETURN n AS replayed`;

/** Puts dead letters (all, or those with the given keys) back in the queue, in their original order. */
export function replayDeadLetters(id: string, keys: readonly string[] | null): Query {
  return query("outbox.replay", REPLAY, { id, keys: keys ? [...keys] : null });
}
