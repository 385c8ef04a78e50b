import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * Cypher of the live subscriptions (LiveSubscriptionRepository, issue 18 item 2): a GraphQL subscription over
 * graphql-ws is a `(:Subscription {live: true, channel, queue, params, principal, stream: true, expiresAt})` of the
 * server process holding its WebSocket (`queue`: that process's own), so the fan-out of whichever process claims a
 * change queues its items (`(:Delivery)`, outbox.queries.ts) as it does a webhook's. The holding process takes them
 * and pushes them down the socket; it renews `expiresAt` while it lives, and a process that died leaves subscriptions
 * that expire and are swept by any other.
 */

const OPEN = `
CREATE (s:Subscription {id: $id, live: true, channel: $channel, queue: $queue, params: $params, principal: $principal,
                        stream: true, active: true, pending: 0, nextSeq: 0, leaseUntil: 0, retryAt: 0, failures: 0,
                        dead: 0, delivered: 0, batchSize: 100, expiresAt: timestamp() + $ttlMs, createdAt: datetime()})
RETURN s.id AS id`;

export interface NewLiveSubscriptionRow {
  id: string;
  /** EVENTS, ALERTS or NOTICES. */
  channel: string;
  /** The process holding the socket. */
  queue: string;
  /** The channel's filter, as JSON. */
  params: string;
  /** The subscriber's principal, as JSON. */
  principal: string;
}

export function openLiveSubscription(row: NewLiveSubscriptionRow, ttlMs: number): Query {
  return query("live.open", OPEN, { ...row, ttlMs: neo4j.int(ttlMs) });
}

const RENEW = `
MATCH (s:Subscription {queue: $queue})
WHERE s.active = true
SET s.expiresAt = timestamp() + $ttlMs
RETURN count(s) AS renewed`;

/** The holding process is alive: its live subscriptions stay another `ttlMs`. */
export function renewLiveSubscriptions(queue: string, ttlMs: number): Query {
  return query("live.renew", RENEW, { queue, ttlMs: neo4j.int(ttlMs) });
}

const END = `
MATCH (s:Subscription {id: $id})
WHERE s.live = true
SET s.locked = true
REMOVE s.locked
WITH s
CALL (s) {
  MATCH (d:Delivery {subscriptionId: s.id})
  DETACH DELETE d
}
WITH s, s.active AS wasActive
DETACH DELETE s
RETURN wasActive`;

/** Ends a live subscription (the client completed it or went away) with its queued items. */
export function endLiveSubscription(id: string): Query {
  return query("live.end", END, { id });
}

const END_EXPIRED = `
MATCH (s:Subscription)
WHERE s.stream = true AND s.live = true AND s.expiresAt < timestamp()
WITH s LIMIT $limit
SET s.locked = true
REMOVE s.locked
WITH s
CALL (s) {
  MATCH (d:Delivery {subscriptionId: s.id})
  DETACH DELETE d
}
WITH s, s.active AS wasActive
DETACH DELETE s
RETURN count(CASE WHEN wasActive THEN 1 END) AS ended`;

/** Sweeps live subscriptions whose process stopped renewing them (it died). */
export function endExpiredLiveSubscriptions(limit: number): Query {
  return query("live.endExpired", END_EXPIRED, { limit: neo4j.int(limit) });
}

const TAKE = `
MATCH (s:Subscription {queue: $queue})
WHERE s.pending > 0 AND s.active = true
SET s.locked = true
REMOVE s.locked
WITH s
CALL (s) {
  MATCH (d:Delivery {subscriptionId: s.id})
  WHERE d.status = "PENDING"
  WITH d ORDER BY d.seq ASC LIMIT $limit
  WITH collect(d) AS items
  WITH items, [d IN items | d.key] AS keys
  FOREACH (d IN items | DELETE d)
  RETURN keys
}
SET s.pending = s.pending - size(keys), s.delivered = s.delivered + size(keys)
RETURN s.id AS subscriptionId, keys`;

/**
 * Takes the queued items of the holding process's live subscriptions (up to `limit` each, in order), off the queue:
 * a socket is a session, what it was sent is not sent again.
 */
export function takeLiveDeliveries(queue: string, limit: number): Query {
  return query("live.take", TAKE, { queue, limit: neo4j.int(limit) });
}
