import type { Executor } from "./executor.js";
import * as Q from "./live-subscription.queries.js";
import type { NewLiveSubscriptionRow } from "./live-subscription.queries.js";
import { adjustStreamGate } from "./outbox.queries.js";

export type { NewLiveSubscriptionRow };

/** The keys queued for one live subscription, in order. */
export interface LiveBatch {
  subscriptionId: string;
  keys: string[];
}

/** Live (GraphQL) subscriptions held by a server process (live-subscription.queries.ts). */
export class LiveSubscriptionRepository {
  constructor(private readonly executor: Executor) {}

  /** A new live subscription, counted as streaming (so captures write their outbox changes) in one transaction. */
  async open(row: NewLiveSubscriptionRow, ttlMs: number): Promise<void> {
    await this.executor.writeTx("live.open", async (tx) => {
      await tx.rows(Q.openLiveSubscription(row, ttlMs));
      await tx.rows(adjustStreamGate(1));
    });
  }

  async renew(queue: string, ttlMs: number): Promise<number> {
    return Number((await this.executor.write(Q.renewLiveSubscriptions(queue, ttlMs)))[0]?.renewed ?? 0);
  }

  async end(id: string): Promise<void> {
    await this.executor.writeTx("live.end", async (tx) => {
      const [row] = await tx.rows(Q.endLiveSubscription(id));
      if (row?.wasActive === true) await tx.rows(adjustStreamGate(-1));
    });
  }

  /** Sweeps expired live subscriptions; answers how many. */
  async endExpired(limit: number): Promise<number> {
    return this.executor.writeTx("live.endExpired", async (tx) => {
      const ended = Number((await tx.rows(Q.endExpiredLiveSubscriptions(limit)))[0]?.ended ?? 0);
      if (ended > 0) await tx.rows(adjustStreamGate(-ended));
      return ended;
    });
  }

  async take(queue: string, limit: number): Promise<LiveBatch[]> {
    const rows = await this.executor.write(Q.takeLiveDeliveries(queue, limit));
    return rows
      .map((row) => ({ subscriptionId: String(row.subscriptionId), keys: (row.keys as string[] | null) ?? [] }))
      .filter((batch) => batch.keys.length > 0);
  }
}
