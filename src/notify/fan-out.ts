import type { Logger } from "pino";
import type { EventQueryParams, EventQueryService } from "../epcis/event-query.service.js";
import type { OutboxRepository } from "../graph/outbox.repository.js";
import type { StreamSubscription, SubscriptionRepository } from "../graph/subscription.repository.js";
import { matchingEventIds, restrictedTo, subscriberOf, viewKey } from "./subscriber-view.js";

/** Changes claimed at once: one match per view covers all of them. */
const CHANGES_PER_ROUND = 50;

/**
 * Turns outbox changes (the events one transaction captured) into the items of each streaming subscription whose
 * query matches them as its subscriber sees them. Subscriptions of the same query and view share one match. The
 * changes are claimed with a lease and deleted in the transaction that queues their items: a process that dies
 * half-way leaves them to be claimed again when the lease runs out (items are keyed, so none is queued twice).
 */
export class FanOut {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly events: EventQueryService,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly logger: Logger,
  ) {}

  /** One round; answers how many changes it handled (0: nothing to do). */
  async round(): Promise<{ changes: number; queued: number }> {
    const changes = await this.outbox.claimChanges(this.owner, this.leaseMs, CHANGES_PER_ROUND);
    if (changes.length === 0) return { changes: 0, queued: 0 };
    const eventIds = [...new Set(changes.flatMap((c) => c.eventIds))];
    const streams = eventIds.length ? await this.subscriptions.activeStreams() : [];
    const matches: { subscriptionId: string; keys: string[] }[] = [];
    for (const group of groupByView(streams).values()) {
      const first = group[0]!;
      const params = restrictedTo(JSON.parse(first.params) as EventQueryParams, eventIds);
      if (!params) continue;
      let keys: string[];
      try {
        keys = await matchingEventIds(this.events, params, subscriberOf(first.principal), eventIds.length);
      } catch (error) {
        // A query that no longer runs (e.g. an identifier form since refused) must not hold up everyone else's.
        this.logger.warn({ err: error, subscriptionId: first.id }, "a subscription's query failed; skipped");
        continue;
      }
      for (const subscription of group) matches.push({ subscriptionId: subscription.id, keys });
    }
    const queued = await this.outbox.fanOut(
      this.owner,
      changes.map((c) => c.id),
      matches,
    );
    return { changes: changes.length, queued };
  }
}

function groupByView(streams: readonly StreamSubscription[]): Map<string, StreamSubscription[]> {
  const groups = new Map<string, StreamSubscription[]>();
  for (const stream of streams) {
    const key = viewKey(stream.params, subscriberOf(stream.principal));
    const group = groups.get(key);
    if (group) group.push(stream);
    else groups.set(key, [stream]);
  }
  return groups;
}
