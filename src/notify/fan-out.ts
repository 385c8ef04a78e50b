import type { Logger } from "pino";
import {
  OutboxLeaseLostError,
  type ClaimedChange,
  type FanOutMatch,
  type OutboxRepository,
} from "../graph/outbox.repository.js";
import type { StreamSubscription, SubscriptionRepository } from "../graph/subscription.repository.js";
import { CHANNEL_ITEMS, channelOf, type ChangedIds, type ChannelReader } from "./channel-reader.js";
import { subscriberOf, viewKey } from "./subscriber-view.js";

/** Changes claimed at once: one match per view covers all of them. */
const CHANGES_PER_ROUND = 50;
/** Rounds under way at once: a new one is claimed while earlier ones still match and queue. */
const ROUNDS_AT_ONCE = 3;

/**
 * Turns outbox changes (the events, alerts and recall notices one transaction wrote) into the items of each
 * streaming subscription (webhooks and live GraphQL subscriptions) that its channel's query matches as its subscriber
 * sees them. Subscriptions of the same channel, query and view share one match, run concurrently with the others, and
 * their items are queued as soon as it is done; the changes are deleted once every view's items are queued.
 *
 * Rounds overlap (a change committed while a slow view's query runs is claimed at once, not after it), yet each
 * view's items are queued in the order of the rounds: a view's queueing waits for its queueing of the round before
 * (a chain per view), and a round whose queueing failed fails the later ones of that view, whose changes are then
 * claimed again, oldest first. The changes are claimed under a lease: a process that dies half-way leaves them to be
 * claimed again when it runs out (items are keyed, so none is queued twice).
 */
export class FanOut {
  /** Changes claimed by rounds still under way (never claimed twice at once). */
  private readonly inFlight = new Set<string>();
  private readonly rounds = new Set<Promise<void>>();
  /** Per view: its last queueing (the next round's queueing of that view waits for it). */
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Claims sent so far; a round's number is its claim's. */
  private claims = 0;
  /** Rounds that must not queue: an earlier round failed while they were claimed (see round). */
  private readonly failedBefore = new Set<number>();

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

  /**
   * Claims the next changes and starts their round; answers how many it claimed (0: nothing to do). `onQueued` is
   * called each time a view's items are queued (it wakes the deliveries).
   */
  async round(onQueued: () => void = () => undefined): Promise<{ changes: number }> {
    while (this.rounds.size >= ROUNDS_AT_ONCE) await Promise.race(this.rounds);
    // Numbered as the claim is sent: that is when the changes of the rounds under way are left out of it.
    const round = ++this.claims;
    const changes = await this.outbox
      .claimChanges(this.owner, this.leaseMs, CHANGES_PER_ROUND, [...this.inFlight])
      .catch((error: unknown) => {
        this.failedBefore.delete(round);
        throw error;
      });
    if (changes.length === 0) {
      this.failedBefore.delete(round);
      return { changes: 0 };
    }
    // Read after the claim, never beside it: a subscription committed before one of the claimed changes must be
    // matched against it, and a read sent with the claim could run before that subscription existed (the claim
    // waits on the gate's lock, which creating a subscription holds), losing the change's items for it. Read before
    // the round starts: a round that failed before linking its views' chains would let a later round queue first.
    const streams = await this.subscriptions.activeStreams().catch((error: unknown) => {
      this.failedBefore.delete(round);
      throw error;
    });
    const ids = changes.map((c) => c.id);
    for (const id of ids) this.inFlight.add(id);
    const settled = (failure: { error: unknown } | null) => {
      if (failure) {
        // Its changes stay and are claimed again, oldest first (what was queued is skipped then, by key). Every round
        // claimed meanwhile left them out, so none of those may queue anything more: they fail too, and their
        // changes come back after these.
        for (let later = round + 1; later <= this.claims; later++) this.failedBefore.add(later);
        const message = "notification fan-out: a round failed; its changes will be claimed again";
        this.logger.warn({ err: failure.error }, message);
      }
      for (const id of ids) this.inFlight.delete(id);
      this.failedBefore.delete(round);
      this.rounds.delete(running);
    };
    const running = this.finish(round, changes, streams, onQueued).then(
      () => settled(null),
      (error: unknown) => settled({ error }),
    );
    this.rounds.add(running);
    return { changes: changes.length };
  }

  /** Waits for the rounds under way (at shutdown). */
  async drain(): Promise<void> {
    while (this.rounds.size > 0) await Promise.allSettled([...this.rounds]);
  }

  private async finish(
    round: number,
    changes: readonly ClaimedChange[],
    streams: readonly StreamSubscription[],
    onQueued: () => void,
  ): Promise<void> {
    const changeIds = changes.map((c) => c.id);
    const changed: ChangedIds = {
      eventIds: [...new Set(changes.flatMap((c) => c.eventIds))],
      alertIds: [...new Set(changes.flatMap((c) => c.alertIds))],
      noticeIds: [...new Set(changes.flatMap((c) => c.noticeIds))],
    };
    const outcomes = await Promise.allSettled(
      [...groupByView(streams)].map(([view, group]) => {
        const matching = this.matchesOf(group, changed);
        const previous = this.chains.get(view) ?? Promise.resolve();
        const queueing = (async () => {
          const matches = await matching;
          // The round before must have queued this view's items first (and not failed: then neither may this one).
          await previous;
          if (this.failedBefore.has(round)) throw new OutboxLeaseLostError("changes of an earlier round (it failed)");
          if (matches.length === 0) return;
          const queued = await this.outbox.queue(this.owner, changeIds, matches);
          if (queued === 0) return;
          onQueued();
          if (group.some((subscription) => subscription.live)) this.onLiveQueued();
        })();
        this.chains.set(view, queueing);
        // The last link of a view's chain, settled, is let go (a failure ends with it: the next round starts afresh).
        void queueing.then(
          () => this.chains.get(view) === queueing && this.chains.delete(view),
          () => this.chains.get(view) === queueing && this.chains.delete(view),
        );
        return queueing;
      }),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (failed) throw failed.reason;
    await this.outbox.endChanges(this.owner, changeIds);
  }

  /** The items of one view's subscriptions (they share one match); none when its query fails. */
  private async matchesOf(group: readonly StreamSubscription[], changed: ChangedIds): Promise<FanOutMatch[]> {
    const first = group[0]!;
    const channel = channelOf(first.channel);
    let keys: string[];
    try {
      keys = await this.reader.matching(channel, first.params, subscriberOf(first.principal), changed);
    } catch (error) {
      // A query that no longer runs (e.g. an identifier form since refused) must not hold up everyone else's.
      this.logger.warn({ err: error, subscriptionId: first.id }, "a subscription's query failed; skipped");
      return [];
    }
    if (keys.length === 0) return [];
    return group.map((subscription) => ({ subscriptionId: subscription.id, kind: CHANNEL_ITEMS[channel], keys }));
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
