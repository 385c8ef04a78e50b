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
import type { NotifyOptions } from "./notify-options.js";
import { subscriberOf, visibleEvents } from "./subscriber-view.js";
import type { WebhookPoster } from "./webhook-poster.js";

/** Callbacks one claim of a subscription sends at most before it gives the subscription back (fairness). */
const POSTS_PER_CLAIM = 20;

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
  ) {}

  async deliver(subscription: ClaimedSubscription): Promise<void> {
    const log = { subscriptionId: subscription.id, notifyOwner: this.owner };
    let batchSize = Math.max(1, Math.min(subscription.batchSize, this.options.batchSize));
    let failures = subscription.failures;
    try {
      for (let posts = 0; posts < POSTS_PER_CLAIM; posts++) {
        const items = await this.outbox.pending(subscription.id, batchSize);
        const head = items[0];
        if (!head) return;
        const batch = head.kind === "REPORT" ? [head] : takeWhileKind(items, head.kind);
        const body = await this.body(subscription, batch);
        const ids = batch.map((d) => d.id);
        if (body === null) {
          // Nothing the subscriber may see any more (or an empty report it did not ask for): done without a post.
          await this.outbox.delivered(subscription.id, this.owner, ids, batchSize, this.options.leaseMs);
          continue;
        }
        if (!(await this.outbox.renew(subscription.id, this.owner, this.options.leaseMs))) return;
        const outcome = await this.poster.post({
          dest: subscription.dest,
          body,
          contentType: head.kind === "ALERT" ? "application/json" : "application/ld+json",
          signatureToken: subscription.signatureToken,
          keys: batch.map((d) => d.key),
        });
        if ("status" in outcome && outcome.status >= 200 && outcome.status < 300) {
          const grown = Math.min(this.options.batchSize, batchSize * 2);
          await this.outbox.delivered(subscription.id, this.owner, ids, grown, this.options.leaseMs);
          batchSize = grown;
          failures = 0;
          continue;
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
      await this.outbox.release(subscription.id, this.owner).catch(() => undefined);
    }
  }

  /**
   * The callback's body, built with the subscriber's view: an EPCISQueryDocument of events, or the alerts raised
   * (`{"type": "DiversionAlerts", "alerts": [...]}`); null when there is nothing to send.
   */
  private async body(subscription: ClaimedSubscription, batch: readonly QueuedDelivery[]): Promise<string | null> {
    const principal = subscriberOf(subscription.principal);
    if (batch[0]?.kind === "ALERT") {
      const alerts = await this.reader.alerts(
        batch.map((d) => d.key),
        subscription.params,
        principal,
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
      const found = await visibleEvents(this.events, { EQ_eventID: keys }, principal, keys.length);
      const byId = new Map(found.map((e) => [e.eventId, e]));
      events = keys.flatMap((k) => byId.get(k) ?? []);
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
