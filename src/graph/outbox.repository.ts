import type { Executor, QueryRunner } from "./executor.js";
import * as Q from "./outbox.queries.js";
import type { NewDelivery } from "./outbox.queries.js";

export type { NewDelivery };

/** A change claimed for fan-out: the events, alerts and recall notices one transaction wrote. */
export interface ClaimedChange {
  id: string;
  eventIds: string[];
  alertIds: string[];
  noticeIds: string[];
}

/** What a subscription's items are: an event (webhooks, eventCaptured), an alert, a recall notice. */
export type DeliveryKind = "EVENT" | "ALERT" | "NOTICE";

/** The keys (eventIDs, alert ids, notice ids) one subscription is to be sent, in order. */
export interface FanOutMatch {
  subscriptionId: string;
  kind: DeliveryKind;
  keys: string[];
}

/** A subscription claimed for delivery: where to post, how to sign, and whose view its items are built with. */
export interface ClaimedSubscription {
  id: string;
  queryName: string;
  dest: string;
  signatureToken: string | null;
  /** The subscriber's principal, as JSON. */
  principal: string;
  batchSize: number;
  failures: number;
  reportIfEmpty: boolean;
  /** The named query's parameters (JSON), for a scheduled run's report. */
  params: string;
}

export interface QueuedDelivery {
  id: string;
  /** The idempotency key: the event's eventID, or a scheduled run's id. */
  key: string;
  seq: number;
  kind: string;
  from: string | null;
  to: string | null;
  attempts: number;
  /** Epoch ms of the first failed post of this item, or null. */
  firstFailedAt: number | null;
}

export interface DeadLetter {
  key: string;
  seq: number;
  kind: string;
  attempts: number;
  lastError: string | null;
  deadAt: string | null;
}

/** The lease of a subscription or change was lost: what the step wrote is rolled back. */
export class OutboxLeaseLostError extends Error {
  constructor(what: string) {
    super(`the lease of ${what} is no longer ours`);
    this.name = "OutboxLeaseLostError";
  }
}

/**
 * Records a change in the transaction that made it (see outbox.queries.ts); called by the flow writer, so every
 * capture path (EPCIS documents, native scans and shipments) feeds the outbox.
 */
export async function recordChangeInTx(
  tx: QueryRunner,
  id: string,
  eventIds: readonly string[],
  alertIds: readonly string[],
  noticeIds: readonly string[] = [],
): Promise<void> {
  if (eventIds.length === 0 && alertIds.length === 0 && noticeIds.length === 0) return;
  await tx.rows(Q.recordChange(id, eventIds, alertIds, noticeIds));
}

/** The outbox (outbox.queries.ts): changes fanned out to subscriptions' items, items claimed and delivered. */
export class OutboxRepository {
  constructor(private readonly executor: Executor) {}

  async claimChanges(
    owner: string,
    leaseMs: number,
    limit: number,
    inFlight: readonly string[] = [],
  ): Promise<ClaimedChange[]> {
    const rows = await this.executor.write(Q.claimChanges(owner, leaseMs, limit, inFlight));
    return rows.map((row) => ({
      id: String(row.id),
      eventIds: (row.eventIds as string[] | null) ?? [],
      alertIds: (row.alertIds as string[] | null) ?? [],
      noticeIds: (row.noticeIds as string[] | null) ?? [],
    }));
  }

  /**
   * Queues the matching keys of some subscriptions (in the order given, skipping keys queued before; one view's,
   * while other views are still being matched) for changes `owner` still holds (none: keys queued on their own, e.g.
   * a subscription's initial events); the changes stay until `endChanges`. A process that dies between the two
   * leaves the changes to be claimed again: the keys already queued are skipped then.
   */
  async queue(owner: string, changeIds: readonly string[], matches: readonly FanOutMatch[]): Promise<number> {
    return this.executor.writeTx("outbox.queue", (tx) => queueInTx(tx, owner, changeIds, matches));
  }

  /** Deletes changes fanned out to every view (lease holder only: throws, deleting none, when any is not its own). */
  async endChanges(owner: string, changeIds: readonly string[]): Promise<void> {
    if (changeIds.length === 0) return;
    const [row] = await this.executor.write(Q.deleteChanges(changeIds, owner));
    if (Number(row?.deleted ?? 0) < changeIds.length) throw new OutboxLeaseLostError("outbox changes");
  }

  /** Gives the fan-out lease back when `owner` holds it (at shutdown, once its rounds are drained). */
  async releaseFanOut(owner: string): Promise<void> {
    await this.executor.write(Q.releaseFanOut(owner));
  }

  /** Up to `limit` subscriptions with items due, the least recently claimed first, leased to `owner`, with their next `items` items. */
  async claimSubscriptions(
    queue: string,
    owner: string,
    leaseMs: number,
    limit: number,
    items: number,
  ): Promise<{ subscription: ClaimedSubscription; queued: QueuedDelivery[] }[]> {
    const rows = await this.executor.write(Q.claimSubscriptions(queue, owner, leaseMs, limit, items));
    return rows.map((row) => ({
      subscription: toClaimed(row.subscription as Record<string, unknown>),
      queued: ((row.deliveries as Record<string, unknown>[] | null) ?? []).map(toQueued),
    }));
  }

  async renew(id: string, owner: string, leaseMs: number): Promise<boolean> {
    return (await this.executor.write(Q.renewSubscriptionLease(id, owner, leaseMs))).length > 0;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.executor.write(Q.releaseSubscription(id, owner));
  }

  async pending(id: string, limit: number): Promise<QueuedDelivery[]> {
    const rows = await this.executor.read(Q.pendingDeliveries(id, limit));
    return rows.map((row) => toQueued(row.delivery as Record<string, unknown>));
  }

  /** Items the receiver accepted (lease holder only); with `release`, the lease is given back too. */
  async delivered(
    id: string,
    owner: string,
    ids: readonly string[],
    batchSize: number,
    leaseMs: number,
    release = false,
  ): Promise<void> {
    const rows = await this.executor.write(Q.markDelivered(id, owner, ids, batchSize, leaseMs, release));
    if (rows.length === 0) throw new OutboxLeaseLostError(`subscription ${id}`);
  }

  /** Several subscriptions' accepted items at once (leases given back); answers the ids still held by `owner`. */
  async deliveredMany(
    owner: string,
    rows: readonly { subscriptionId: string; ids: readonly string[]; batchSize: number }[],
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const sorted = [...rows].sort((a, b) => (a.subscriptionId < b.subscriptionId ? -1 : 1));
    const done = await this.executor.write(Q.markDeliveredMany(owner, sorted));
    return new Set(done.map((row) => String(row.id)));
  }

  async failed(id: string, owner: string, ids: readonly string[], error: string, delayMs: number, batchSize: number) {
    const rows = await this.executor.write(Q.markFailed(id, owner, ids, error, delayMs, batchSize));
    if (rows.length === 0) throw new OutboxLeaseLostError(`subscription ${id}`);
  }

  async dead(id: string, owner: string, ids: readonly string[], error: string): Promise<void> {
    const rows = await this.executor.write(Q.markDead(id, owner, ids, error));
    if (rows.length === 0) throw new OutboxLeaseLostError(`subscription ${id}`);
  }

  async deadLetters(id: string, limit: number): Promise<DeadLetter[]> {
    const rows = await this.executor.read(Q.deadLetters(id, limit));
    return rows.map((row) => {
      const d = row.delivery as Record<string, unknown>;
      return {
        key: String(d.key),
        seq: Number(d.seq),
        kind: String(d.kind),
        attempts: Number(d.attempts ?? 0),
        lastError: typeof d.lastError === "string" ? d.lastError : null,
        deadAt: d.deadAt === null || d.deadAt === undefined ? null : String(d.deadAt),
      };
    });
  }

  async replay(id: string, keys: readonly string[] | null): Promise<number> {
    const rows = await this.executor.write(Q.replayDeadLetters(id, keys));
    return Number(rows[0]?.replayed ?? 0);
  }
}

function toClaimed(row: Record<string, unknown>): ClaimedSubscription {
  return {
    id: String(row.id),
    queryName: String(row.queryName ?? ""),
    dest: String(row.dest),
    signatureToken: typeof row.signatureToken === "string" ? row.signatureToken : null,
    principal: String(row.principal ?? "{}"),
    batchSize: Number(row.batchSize ?? 100),
    failures: Number(row.failures ?? 0),
    reportIfEmpty: row.reportIfEmpty === true,
    params: String(row.params ?? "{}"),
  };
}

function toQueued(d: Record<string, unknown>): QueuedDelivery {
  return {
    id: String(d.id),
    key: String(d.key),
    seq: Number(d.seq),
    kind: String(d.kind),
    from: typeof d.from === "string" ? d.from : null,
    to: typeof d.to === "string" ? d.to : null,
    attempts: Number(d.attempts ?? 0),
    firstFailedAt: d.firstFailedAt === null || d.firstFailedAt === undefined ? null : Number(d.firstFailedAt),
  };
}

async function queueInTx(
  tx: QueryRunner,
  owner: string,
  changeIds: readonly string[],
  matches: readonly FanOutMatch[],
): Promise<number> {
  const sorted = [...matches]
    .filter((m) => m.keys.length > 0)
    .sort((a, b) => (a.subscriptionId < b.subscriptionId ? -1 : 1));
  if (sorted.length === 0) return 0;
  if (changeIds.length > 0) {
    const held = Number((await tx.rows(Q.changesHeld(changeIds, owner)))[0]?.held ?? 0);
    if (held < changeIds.length) throw new OutboxLeaseLostError("outbox changes");
  }
  const locked = await tx.rows(Q.lockSubscriptionsForFanOut(sorted));
  const rows: NewDelivery[] = [];
  for (const row of locked) {
    const match = sorted.find((m) => m.subscriptionId === row.subscriptionId);
    const existing = new Set((row.existing as string[] | null) ?? []);
    let seq = Number(row.nextSeq ?? 0);
    for (const key of new Set(match?.keys ?? [])) {
      if (existing.has(key)) continue;
      rows.push({
        subscriptionId: String(row.subscriptionId),
        key,
        seq: seq++,
        kind: match?.kind ?? "EVENT",
        from: null,
        to: null,
      });
    }
  }
  if (rows.length > 0) await tx.rows(Q.createDeliveries(rows));
  return rows.length;
}
