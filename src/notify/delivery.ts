import type { Logger } from "pino";
import type { EventQueryParams, EventQueryService } from "../epcis/event-query.service.js";
import { queryDocument } from "../epcis/query-document.js";
import type { StoredEvent } from "../graph/event.repository.js";
import {
  OutboxLeaseLostError,
  type ClaimedSubscription,
  type OutboxRepository,
  type QueuedDelivery,
} from "../graph/outbox.repository.js";
import { PAGE_LIMITS } from "../paging/page-limits.js";
import type { ChannelReader } from "./channel-reader.js";
import { DeliveredBatcher } from "./delivered-batcher.js";
import type { NotifyOptions } from "./notify-options.js";
import { readScope } from "../access/read-scope.js";
import { subscriberOf, visibleEvents } from "./subscriber-view.js";
import type { WebhookPoster } from "./webhook-poster.js";

/** Posts one claim of a subscription tries at most (a 413 halves the batch and tries again). */
const POSTS_PER_CLAIM = 20;

/**
 * Reads shared by the deliveries of one claim: the many subscriptions of one view sent the same items (the same
 * query, or every event a party sees) read them once.
 */
export class SharedReads {
  private readonly reads = new Map<string, Promise<unknown>>();

  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let found = this.reads.get(key) as Promise<T> | undefined;
    if (!found) {
      found = read();
      this.reads.set(key, found);
    }
    return found;
  }
}

/** The delay before the `failures`-th consecutive retry: base, 2 x base, 4 x base, ... capped at max. */
export function retryDelay(failures: number, options: Pick<NotifyOptions, "retryBaseMs" | "retryMaxMs">): number {
  return Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
}

/**
 * Delivers the queued items of one claimed subscription, in order (`seq`), while this process holds its lease:
 * consecutive event items go out together in one EPCISQueryDocument (at most the subscription's batch size, halved
 * while the receiver answers 413), a scheduled run's report alone. Each callback carries the items' idempotency keys
 * (`Idempotency-Key`; the eventIDs are in the document too) and, with a signatureToken, its `GS1-Signature`. A
 * failure holds the subscription's queue (order is kept) and is retried with exponential backoff; an item still
 * failing `retryWindowMs` after its first failure goes to the dead letters and the queue moves on.
 */
export class Delivery {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly events: EventQueryService,
    private readonly reader: ChannelReader,
    private readonly poster: WebhookPoster,
    private readonly options: NotifyOptions,
    private readonly owner: string,
    private readonly logger: Logger,
  ) {
    this.accepted = new DeliveredBatcher(outbox, owner);
  }

  private readonly accepted: DeliveredBatcher;

  /**
   * One callback of a claimed subscription (its `queued` items, read with the claim), then its lease given back: a
   * subscription with more waiting is claimed again at the next round, after the others had their turn. `reads` is
   * shared by the deliveries of one claim: subscriptions with the same view of the same items read them once.
   */
  async deliver(
    subscription: ClaimedSubscription,
    queued: readonly QueuedDelivery[] | null = null,
    reads: SharedReads = new SharedReads(),
  ): Promise<void> {
    const log = { subscriptionId: subscription.id, notifyOwner: this.owner };
    let batchSize = Math.max(1, Math.min(subscription.batchSize, this.options.batchSize));
    let failures = subscription.failures;
    let released = false;
    let prefetched = queued;
    try {
      for (let posts = 0; posts < POSTS_PER_CLAIM; posts++) {
        const items = prefetched
          ? prefetched.slice(0, batchSize)
          : await this.outbox.pending(subscription.id, batchSize);
        // Only the first round uses what the claim read; a retry with a smaller batch (413) reads the queue again,
        // under a renewed lease.
        if (!prefetched && !(await this.outbox.renew(subscription.id, this.owner, this.options.leaseMs))) return;
        prefetched = null;
        const head = items[0];
        if (!head) return;
        const batch = head.kind === "REPORT" ? [head] : takeWhileKind(items, head.kind);
        const body = await this.body(subscription, batch, reads);
        const ids = batch.map((d) => d.id);
        if (body === null) {
          // Nothing the subscriber may see any more (or an empty report it did not ask for): done without a post.
          await this.outbox.delivered(subscription.id, this.owner, ids, batchSize, this.options.leaseMs);
          continue;
        }
        const outcome = await this.poster.post({
          dest: subscription.dest,
          body,
          contentType: head.kind === "ALERT" ? "application/json" : "application/ld+json",
          signatureToken: subscription.signatureToken,
          keys: batch.map((d) => d.key),
        });
        if ("status" in outcome && outcome.status >= 200 && outcome.status < 300) {
          const grown = Math.min(this.options.batchSize, batchSize * 2);
          // Accepted: off the queue and the lease given back, with the other acceptances of the moment.
          released = await this.accepted.delivered(subscription.id, ids, grown);
          if (!released) throw new OutboxLeaseLostError(`subscription ${subscription.id}`);
          return;
        }
        if ("status" in outcome && outcome.status === 413 && batch.length > 1) {
          batchSize = Math.max(1, Math.floor(batch.length / 2));
          this.logger.info({ ...log, batchSize }, "receiver answered 413: smaller batches");
          continue;
        }
        const error = "status" in outcome ? `receiver answered ${outcome.status}` : outcome.error;
        if ("status" in outcome && outcome.status === 413) {
          // One item alone is too large for this receiver: no retry will change that.
          await this.outbox.dead(subscription.id, this.owner, ids, `${error} for a single item`);
          continue;
        }
        // Which item of a batch the receiver cannot take is unknown: the head is charged with the failure and is
        // retried alone (batch size 1) until it goes through, or its retry window ends and it is dead-lettered.
        if (head.firstFailedAt !== null && Date.now() - head.firstFailedAt >= this.options.retryWindowMs) {
          this.logger.warn({ ...log, key: head.key, error }, "delivery failed for the retry window: dead letter");
          await this.outbox.dead(subscription.id, this.owner, [head.id], error);
          continue;
        }
        failures += 1;
        const delay = retryDelay(failures, this.options);
        this.logger.info({ ...log, error, retryInMs: delay, attempt: head.attempts + 1 }, "delivery failed: retrying");
        await this.outbox.failed(subscription.id, this.owner, [head.id], error, delay, 1);
        return;
      }
    } catch (error) {
      if (error instanceof OutboxLeaseLostError) this.logger.warn(log, "subscription taken over: this worker stops");
      else throw error;
    } finally {
      if (!released) await this.outbox.release(subscription.id, this.owner).catch(() => undefined);
    }
  }

  /**
   * The callback's body, built with the subscriber's view: an EPCISQueryDocument of events, or the alerts raised
   * (`{"type": "DiversionAlerts", "alerts": [...]}`); null when there is nothing to send.
   */
  private async body(
    subscription: ClaimedSubscription,
    batch: readonly QueuedDelivery[],
    reads: SharedReads,
  ): Promise<string | null> {
    const principal = subscriberOf(subscription.principal);
    const view = readScope(principal) ?? "*";
    if (batch[0]?.kind === "ALERT") {
      const keys = batch.map((d) => d.key);
      const alerts = await reads.once(`A|${view}|${subscription.params}|${keys.join(",")}`, () =>
        this.reader.alerts(keys, subscription.params, principal),
      );
      return alerts.length === 0 ? null : JSON.stringify({ type: "DiversionAlerts", alerts });
    }
    let events: StoredEvent[];
    if (batch[0]?.kind === "REPORT") {
      const report = batch[0];
      const window: EventQueryParams = {
        ...(JSON.parse(subscription.params) as EventQueryParams),
        ...(report.from ? { GE_recordTime: report.from } : {}),
        ...(report.to ? { LT_recordTime: report.to } : {}),
      };
      events = await visibleEvents(this.events, window, principal, PAGE_LIMITS.events);
      if (events.length === 0 && !subscription.reportIfEmpty) return null;
    } else {
      const keys = batch.map((d) => d.key);
      events = await reads.once(`E|${view}|${keys.join(",")}`, () => this.reader.eventsByIds(keys, principal));
      if (events.length === 0) return null;
    }
    return JSON.stringify(queryDocument(events, subscription.queryName));
  }
}

function takeWhileKind(items: readonly QueuedDelivery[], kind: string): QueuedDelivery[] {
  const batch: QueuedDelivery[] = [];
  for (const item of items) {
    if (item.kind !== kind) break;
    batch.push(item);
  }
  return batch;
}
