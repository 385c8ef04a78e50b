import type { Executor } from "./executor.js";
import { adjustStreamGate } from "./outbox.queries.js";
import * as Q from "./subscription.queries.js";
import type { NewChannelSubscriptionRow, NewSubscriptionRow } from "./subscription.queries.js";

export type { NewChannelSubscriptionRow, NewSubscriptionRow };

export interface NamedQueryRecord {
  name: string;
  /** The query's parameters as JSON. */
  params: string;
  createdAt: string;
}

export interface SubscriptionRecord {
  id: string;
  queryName: string;
  dest: string;
  stream: boolean;
  schedule: string | null;
  reportIfEmpty: boolean;
  initialRecordTime: string | null;
  pending: number;
  delivered: number;
  dead: number;
  failures: number;
  lastError: string | null;
  params: string;
  principal: string;
  createdAt: string;
  lastDeliveredAt: string | null;
  nextRunAt: number | null;
  lastRunAt: string | null;
}

export interface StreamSubscription {
  id: string;
  params: string;
  principal: string;
  /** What it is sent: EVENTS (webhooks, eventCaptured), ALERTS (diversionAlertRaised), NOTICES (recall notices). */
  channel: string;
  /** A GraphQL subscription held by a server process. */
  live: boolean;
}

export interface DueRun {
  id: string;
  schedule: string;
  nextRunAt: number;
  lastRunAt: string | null;
}

/** Named queries and their subscriptions (subscription.queries.ts). */
export class SubscriptionRepository {
  constructor(private readonly executor: Executor) {}

  /** False when the owner has a query of that name already. */
  async createQuery(key: string, ownerKey: string, name: string, params: string): Promise<boolean> {
    return (await this.executor.write(Q.createNamedQuery(key, ownerKey, name, params))).length > 0;
  }

  async findQuery(key: string): Promise<NamedQueryRecord | null> {
    const row = (await this.executor.read(Q.findNamedQuery(key)))[0]?.query as NamedQueryRecord | undefined;
    return row ?? null;
  }

  async listQueries(ownerKey: string, limit: number): Promise<NamedQueryRecord[]> {
    return (await this.executor.read(Q.listNamedQueries(ownerKey, limit))).map((r) => r.query as NamedQueryRecord);
  }

  /** False when there was no such query. Its subscriptions end with it. */
  async deleteQuery(key: string): Promise<boolean> {
    return this.executor.writeTx("subscriptions.deleteQuery", async (tx) => {
      const rows = await tx.rows(Q.deleteNamedQuery(key));
      if (rows.length === 0) return false;
      const streams = Number(rows[0]?.streams ?? 0);
      if (streams > 0) await tx.rows(adjustStreamGate(-streams));
      return true;
    });
  }

  /** False when the query is gone. A streaming subscription opens the outbox gate in the same transaction. */
  async createSubscription(row: NewSubscriptionRow): Promise<boolean> {
    return this.executor.writeTx("subscriptions.create", async (tx) => {
      const created = (await tx.rows(Q.createSubscription(row))).length > 0;
      if (created && row.stream) await tx.rows(adjustStreamGate(1));
      return created;
    });
  }

  /** A streaming subscription of a channel (alerts), counted as streaming, in one transaction. */
  async createChannelSubscription(row: NewChannelSubscriptionRow): Promise<void> {
    await this.executor.writeTx("subscriptions.createChannel", async (tx) => {
      await tx.rows(Q.createChannelSubscription(row));
      await tx.rows(adjustStreamGate(1));
    });
  }

  async findSubscription(queryKey: string, id: string): Promise<SubscriptionRecord | null> {
    const row = (await this.executor.read(Q.findSubscription(queryKey, id)))[0]?.subscription;
    return row ? toRecord(row as Record<string, unknown>) : null;
  }

  async listSubscriptions(queryKey: string, limit: number): Promise<SubscriptionRecord[]> {
    const rows = await this.executor.read(Q.listSubscriptions(queryKey, limit));
    return rows.map((r) => toRecord(r.subscription as Record<string, unknown>));
  }

  async endSubscription(queryKey: string, id: string): Promise<boolean> {
    return this.executor.writeTx("subscriptions.end", async (tx) => {
      const rows = await tx.rows(Q.endSubscription(queryKey, id));
      if (rows.length === 0) return false;
      if (rows[0]?.stream === true) await tx.rows(adjustStreamGate(-1));
      return true;
    });
  }

  async activeStreams(): Promise<StreamSubscription[]> {
    return (await this.executor.read(Q.activeStreams())).map((r) => {
      const s = r.subscription as Record<string, unknown>;
      return {
        id: String(s.id),
        params: String(s.params ?? "{}"),
        principal: String(s.principal ?? "{}"),
        channel: String(s.channel ?? "EVENTS"),
        live: s.live === true,
      };
    });
  }

  async dueRuns(limit: number): Promise<DueRun[]> {
    return (await this.executor.read(Q.dueRuns(limit))).map((r) => {
      const s = r.subscription as Record<string, unknown>;
      return {
        id: String(s.id),
        schedule: String(s.schedule ?? "{}"),
        nextRunAt: Number(s.nextRunAt),
        lastRunAt: typeof s.lastRunAt === "string" ? s.lastRunAt : null,
      };
    });
  }

  /** False when another process started this run first (or the subscription ended). */
  async startRun(id: string, expected: number, key: string, to: string, next: number): Promise<boolean> {
    return (await this.executor.write(Q.startScheduledRun(id, expected, key, to, next))).length > 0;
  }
}

function toRecord(s: Record<string, unknown>): SubscriptionRecord {
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    id: String(s.id),
    queryName: String(s.queryName ?? ""),
    dest: String(s.dest),
    stream: s.stream === true,
    schedule: text(s.schedule),
    reportIfEmpty: s.reportIfEmpty === true,
    initialRecordTime: text(s.initialRecordTime),
    pending: Number(s.pending ?? 0),
    delivered: Number(s.delivered ?? 0),
    dead: Number(s.dead ?? 0),
    failures: Number(s.failures ?? 0),
    lastError: text(s.lastError),
    params: String(s.params ?? "{}"),
    principal: String(s.principal ?? "{}"),
    createdAt: String(s.createdAt),
    lastDeliveredAt: text(s.lastDeliveredAt),
    nextRunAt: s.nextRunAt === null || s.nextRunAt === undefined ? null : Number(s.nextRunAt),
    lastRunAt: text(s.lastRunAt),
  };
}
