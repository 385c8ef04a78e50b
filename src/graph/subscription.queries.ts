import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * Cypher of the EPCIS 2.0 named queries and their subscriptions (SubscriptionRepository, issue 18 item 1):
 * `(:EpcisQuery {key, ownerKey, name, params, createdAt})`, one per owner and name, and
 * `(:Subscription {id, queryKey, ownerKey, queryName, dest, signatureToken, stream, schedule, reportIfEmpty,
 * principal, active, pending, nextSeq, leaseUntil, retryAt, batchSize, nextRunAt, lastRunAt})`. The delivery side
 * (leases, items) is in outbox.queries.ts.
 */

const CREATE_QUERY = `
OPTIONAL MATCH (old:EpcisQuery {key: $key})
WITH old WHERE old IS NULL
CREATE (q:EpcisQuery {key: $key, ownerKey: $ownerKey, name: $name, params: $params, createdAt: datetime()})
RETURN q.name AS name`;

/** A new named query; no row when the owner has one of that name already. */
export function createNamedQuery(key: string, ownerKey: string, name: string, params: string): Query {
  return query("subscriptions.createQuery", CREATE_QUERY, { key, ownerKey, name, params });
}

const QUERY_FIELDS = "q {.name, .params, createdAt: toString(q.createdAt)} AS query";

export function findNamedQuery(key: string): Query {
  return query("subscriptions.findQuery", `MATCH (q:EpcisQuery {key: $key}) RETURN ${QUERY_FIELDS}`, { key });
}

const LIST_QUERIES = `
MATCH (q:EpcisQuery {ownerKey: $ownerKey})
RETURN ${QUERY_FIELDS}
ORDER BY q.name
LIMIT $limit`;

export function listNamedQueries(ownerKey: string, limit: number): Query {
  return query("subscriptions.listQueries", LIST_QUERIES, { ownerKey, limit: neo4j.int(limit) });
}

const DELETE_QUERY = `
MATCH (q:EpcisQuery {key: $key})
OPTIONAL MATCH (s:Subscription {queryKey: q.key})
WITH q, collect(s) AS subscriptions
WITH q, subscriptions, size([s IN subscriptions WHERE s.active AND s.stream]) AS streams
FOREACH (s IN subscriptions | SET s.active = false, s.endedAt = datetime())
DETACH DELETE q
RETURN streams`;

/** Deletes a named query and ends its subscriptions; answers how many of them were streaming (for the gate). */
export function deleteNamedQuery(key: string): Query {
  return query("subscriptions.deleteQuery", DELETE_QUERY, { key });
}

const CREATE_SUBSCRIPTION = `
MATCH (q:EpcisQuery {key: $queryKey})
CREATE (s:Subscription {id: $id, queryKey: q.key, ownerKey: q.ownerKey, queryName: q.name, params: q.params,
                        dest: $dest, signatureToken: $signatureToken, stream: $stream, schedule: $schedule,
                        reportIfEmpty: $reportIfEmpty, initialRecordTime: $initialRecordTime, principal: $principal,
                        queue: $queue, active: true, pending: 0, nextSeq: 0, leaseUntil: 0, retryAt: 0, failures: 0, dead: 0,
                        delivered: 0, batchSize: $batchSize, nextRunAt: $nextRunAt, lastRunAt: $lastRunAt,
                        createdAt: datetime()})
RETURN s.id AS id`;

export interface NewSubscriptionRow {
  id: string;
  /** The job queue (deployment) whose processes deliver it. */
  queue: string;
  queryKey: string;
  dest: string;
  signatureToken: string | null;
  stream: boolean;
  schedule: string | null;
  reportIfEmpty: boolean;
  initialRecordTime: string | null;
  principal: string;
  batchSize: number;
  /** Scheduled subscriptions: epoch ms of the first run, and the start of its window. */
  nextRunAt: number | null;
  lastRunAt: string | null;
}

/** A subscription of an existing named query; no row when the query is gone. */
export function createSubscription(row: NewSubscriptionRow): Query {
  return query("subscriptions.create", CREATE_SUBSCRIPTION, {
    ...row,
    batchSize: neo4j.int(row.batchSize),
    nextRunAt: row.nextRunAt === null ? null : neo4j.int(row.nextRunAt),
  });
}

const CREATE_CHANNEL_SUBSCRIPTION = `
CREATE (s:Subscription {id: $id, queryKey: $queryKey, ownerKey: $ownerKey, queryName: $queryName, params: $params,
                        channel: $channel, dest: $dest, signatureToken: $signatureToken, stream: true,
                        reportIfEmpty: false, principal: $principal, queue: $queue, active: true, pending: 0,
                        nextSeq: 0, leaseUntil: 0, retryAt: 0, failures: 0, dead: 0, delivered: 0,
                        batchSize: $batchSize, createdAt: datetime()})
RETURN s.id AS id`;

export interface NewChannelSubscriptionRow {
  id: string;
  queue: string;
  /** The owner's key of the channel (`owner|#alerts`): how it is found, listed and ended. */
  queryKey: string;
  ownerKey: string;
  queryName: string;
  /** ALERTS. */
  channel: string;
  /** The channel's filter as JSON. */
  params: string;
  dest: string;
  signatureToken: string | null;
  principal: string;
  batchSize: number;
}

/** A streaming webhook subscription of a channel other than a named query's events (diversion alerts). */
export function createChannelSubscription(row: NewChannelSubscriptionRow): Query {
  return query("subscriptions.createChannel", CREATE_CHANNEL_SUBSCRIPTION, {
    ...row,
    batchSize: neo4j.int(row.batchSize),
  });
}

const SUBSCRIPTION_FIELDS = `s {.id, .queryName, .dest, .stream, .schedule, .reportIfEmpty, .initialRecordTime,
  .pending, .delivered, .dead, .failures, .lastError, .params, .principal, .nextRunAt, .lastRunAt,
  createdAt: toString(s.createdAt), lastDeliveredAt: toString(s.lastDeliveredAt)} AS subscription`;

const FIND_SUBSCRIPTION = `
MATCH (s:Subscription {id: $id})
WHERE s.queryKey = $queryKey AND s.active = true
RETURN ${SUBSCRIPTION_FIELDS}`;

export function findSubscription(queryKey: string, id: string): Query {
  return query("subscriptions.find", FIND_SUBSCRIPTION, { queryKey, id });
}

const LIST_SUBSCRIPTIONS = `
MATCH (s:Subscription {queryKey: $queryKey})
WHERE s.active = true
RETURN ${SUBSCRIPTION_FIELDS}
ORDER BY s.createdAt, s.id
LIMIT $limit`;

export function listSubscriptions(queryKey: string, limit: number): Query {
  return query("subscriptions.list", LIST_SUBSCRIPTIONS, { queryKey, limit: neo4j.int(limit) });
}

const END_SUBSCRIPTION = `
MATCH (s:Subscription {id: $id})
WHERE s.queryKey = $queryKey AND s.active = true
SET s.active = false, s.endedAt = datetime()
RETURN s.stream AS stream`;

/** Ends a subscription (its queued items are no longer delivered); no row when there was none active. */
export function endSubscription(queryKey: string, id: string): Query {
  return query("subscriptions.end", END_SUBSCRIPTION, { queryKey, id });
}

const ACTIVE_STREAMS = `
MATCH (s:Subscription)
WHERE s.active = true AND s.stream = true AND (s.live IS NULL OR s.expiresAt >= timestamp())
RETURN s {.id, .params, .principal, channel: coalesce(s.channel, "EVENTS"), live: coalesce(s.live, false)} AS subscription
ORDER BY s.id`;

/**
 * Every streaming subscription (webhooks, and live ones whose process still renews them), for the fan-out of new
 * events, alerts and recall notices.
 */
export function activeStreams(): Query {
  return query("subscriptions.activeStreams", ACTIVE_STREAMS);
}

const DUE_RUNS = `
MATCH (s:Subscription)
WHERE s.nextRunAt <= timestamp() AND s.active = true
RETURN s {.id, .schedule, .nextRunAt, .lastRunAt} AS subscription
LIMIT $limit`;

/** Scheduled subscriptions whose next run is due. */
export function dueRuns(limit: number): Query {
  return query("subscriptions.dueRuns", DUE_RUNS, { limit: neo4j.int(limit) });
}

const START_RUN = `
MATCH (s:Subscription {id: $id})
SET s.locked = true
REMOVE s.locked
WITH s
WHERE s.active = true AND s.nextRunAt = $expected
CREATE (d:Delivery {id: s.id + "|" + $key, subscriptionId: s.id, key: $key, seq: s.nextSeq, kind: "REPORT",
                    from: s.lastRunAt, to: $to, status: "PENDING", attempts: 0, createdAt: timestamp()})
SET s.nextSeq = s.nextSeq + 1, s.pending = s.pending + 1, s.lastRunAt = $to, s.nextRunAt = $next
RETURN d.id AS id`;

/**
 * One run of a scheduled subscription: a REPORT item for the window since the last run, and the next run, in one
 * transaction; only when the run is still the one `expected` (of several processes, one starts each run).
 */
export function startScheduledRun(id: string, expected: number, key: string, to: string, next: number): Query {
  return query("subscriptions.startRun", START_RUN, {
    id,
    expected: neo4j.int(expected),
    key,
    to,
    next: neo4j.int(next),
  });
}
