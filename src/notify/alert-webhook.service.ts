import { randomUUID } from "node:crypto";
import type { Principal } from "../access/principal.js";
import type { AlertFilterInput, DiversionService } from "../diversion/diversion.service.js";
import { BadUserInputError, NotFoundError } from "../errors/app-errors.js";
import type { DeadLetter, OutboxRepository } from "../graph/outbox.repository.js";
import type { SubscriptionRecord, SubscriptionRepository } from "../graph/subscription.repository.js";
import { Channel } from "./channel-reader.js";
import type { NotifyOptions } from "./notify-options.js";
import { ownerKey, queryKey } from "./subscription.service.js";
import type { WebhookAllowList } from "./webhook-destination.js";
import { checkedWebhook } from "./webhook-request.js";

/** The name alert subscriptions are kept under (no named query can have it: names have no `#`). */
export const ALERTS_NAME = "#alerts";
const LIST_LIMIT = 500;

/** `POST /alert-subscriptions`. */
export interface AlertSubscriptionRequest {
  dest?: unknown;
  signatureToken?: unknown;
  /** A DiversionFilter: states, rule, organizationId, region, objectKey, from, to. */
  filter?: unknown;
}

/**
 * Diversion alerts delivered to webhooks (issue 18): each alert raised that the subscription's credential may see
 * (API-CONTRACT §6: the responsible organisation, the object's originators; the operator, regulators) and that
 * matches its filter is posted at least once, in order, by the same outbox, leases, retries and dead letters as the
 * EPCIS subscriptions, with the alert's id as `Idempotency-Key`.
 */
export class AlertWebhookService {
  constructor(
    private readonly repository: SubscriptionRepository,
    private readonly outbox: OutboxRepository,
    private readonly diversion: DiversionService,
    private readonly allowList: WebhookAllowList,
    private readonly options: Pick<NotifyOptions, "batchSize"> & { queue: string },
  ) {}

  async subscribe(request: AlertSubscriptionRequest, principal: Principal): Promise<SubscriptionRecord> {
    const { dest, signatureToken } = checkedWebhook(request, this.allowList);
    const filter = request.filter ?? {};
    if (typeof filter !== "object" || filter === null || Array.isArray(filter)) {
      throw new BadUserInputError("filter must be an object of DiversionFilter fields", { field: "filter" });
    }
    const input = filter as Record<string, unknown>;
    const date = (field: "from" | "to") => {
      const value = input[field];
      if (value === undefined || value === null) return null;
      const parsed = typeof value === "string" ? new Date(value) : new Date(NaN);
      if (Number.isNaN(parsed.getTime())) {
        throw new BadUserInputError(`filter.${field} must be a date-time`, { field: `filter.${field}` });
      }
      return parsed;
    };
    const normalized = await this.diversion.normalizedFilter({
      ...(input as AlertFilterInput),
      from: date("from"),
      to: date("to"),
    });
    const id = randomUUID();
    await this.repository.createChannelSubscription({
      id,
      queue: this.options.queue,
      queryKey: queryKey(principal, ALERTS_NAME),
      ownerKey: ownerKey(principal),
      queryName: ALERTS_NAME,
      channel: Channel.ALERTS,
      params: JSON.stringify(normalized),
      dest,
      signatureToken,
      principal: JSON.stringify(principal),
      batchSize: this.options.batchSize,
    });
    return this.find(id, principal);
  }

  async find(id: string, principal: Principal): Promise<SubscriptionRecord> {
    const found = await this.repository.findSubscription(queryKey(principal, ALERTS_NAME), id);
    if (!found) throw new NotFoundError(`no alert subscription ${id}`);
    return found;
  }

  async list(principal: Principal): Promise<SubscriptionRecord[]> {
    return this.repository.listSubscriptions(queryKey(principal, ALERTS_NAME), LIST_LIMIT);
  }

  async unsubscribe(id: string, principal: Principal): Promise<void> {
    if (!(await this.repository.endSubscription(queryKey(principal, ALERTS_NAME), id))) {
      throw new NotFoundError(`no alert subscription ${id}`);
    }
  }

  async deadLetters(id: string, principal: Principal): Promise<DeadLetter[]> {
    await this.find(id, principal);
    return this.outbox.deadLetters(id, LIST_LIMIT);
  }
}
