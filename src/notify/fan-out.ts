import type { Logger } from "pino";
import type { FanOutMatch, OutboxRepository } from "../graph/outbox.repository.js";
import type { StreamSubscription, SubscriptionRepository } from "../graph/subscription.repository.js";
import { CHANNEL_ITEMS, channelOf, type ChangedIds, type ChannelReader } from "./channel-reader.js";
import { subscriberOf, viewKey } from "./subscriber-view.js";

/** Changes claimed at once: one match per view covers all of them. */
const CHANGES_PER_ROUND = 50;

/**
 * Turns outbox changes (the events, alerts and recall notices one transaction wrote) into the items of each
 * streaming subscription (webhooks and live GraphQL subscriptions) that its channel's query matches as its subscriber
 * sees them. Subscriptions of the same channel, query and view share one match, run concurrently with the others. The
 * changes are claimed with a lease and deleted in the transaction that queues their items: a process that dies
 * half-way leaves them to be claimed again when the lease runs out (items are keyed, so none is queued twice).
 */
export class FanOut {
  private busy = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly reader: ChannelReader,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly logger: Logger,
    /** Called when items were queued for live subscriptions (this process's hub looks for its own at once). */
    private readonly onLiveQueued: () => void = () => undefined,
  ) {}

  /** One round; answers how many changes it handled (0: nothing to do) and how many items it queued. */
  async round(): Promise<{ changes: number; queued: number }> {
    // While changes keep coming, the subscriptions are read beside the claim (one round trip less, both as they are
    // now); an idle poll only claims.
    const claiming = this.outbox.claimChanges(this.owner, this.leaseMs, CHANGES_PER_ROUND);
    const reading = this.busy ? this.subscriptions.activeStreams() : null;
    const changes = await claiming;
    this.busy = changes.length > 0;
    if (changes.length === 0) {
      await reading?.catch(() => undefined);
      return { changes: 0, queued: 0 };
    }
    const streams = await (reading ?? this.subscriptions.activeStreams());
    const changed: ChangedIds = {
      eventIds: [...new Set(changes.flatMap((c) => c.eventIds))],
      alertIds: [...new Set(changes.flatMap((c) => c.alertIds))],
      noticeIds: [...new Set(changes.flatMap((c) => c.noticeIds))],
    };
    const matches: FanOutMatch[] = [];
    let live = false;
    await Promise.all(
      [...groupByView(streams).values()].map(async (group) => {
        const first = group[0]!;
        const channel = channelOf(first.channel);
        let keys: string[];
        try {
          keys = await this.reader.matching(channel, first.params, subscriberOf(first.principal), changed);
        } catch (error) {
          // A query that no longer runs (e.g. an identifier form since refused) must not hold up everyone else's.
          this.logger.warn({ err: error, subscriptionId: first.id }, "a subscription's query failed; skipped");
          return;
        }
        if (keys.length === 0) return;
        for (const subscription of group) {
          matches.push({ subscriptionId: subscription.id, kind: CHANNEL_ITEMS[channel], keys });
          live ||= subscription.live;
        }
      }),
    );
    const queued = await this.outbox.fanOut(
      this.owner,
      changes.map((c) => c.id),
      matches,
    );
    if (live && queued > 0) this.onLiveQueued();
    return { changes: changes.length, queued };
  }
}

function groupByView(streams: readonly StreamSubscription[]): Map<string, StreamSubscription[]> {
  const groups = new Map<string, StreamSubscription[]>();
  for (const stream of streams) {
    const key = `${channelOf(stream.channel)}|${viewKey(stream.params, subscriberOf(stream.principal))}`;
    const group = groups.get(key);
    if (group) group.push(stream);
    else groups.set(key, [stream]);
  }
  return groups;
}
