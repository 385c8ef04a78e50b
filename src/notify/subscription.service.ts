import { randomUUID } from "node:crypto";
import type { Principal } from "../access/principal.js";
import type { EventQueryParams, EventQueryService } from "../epcis/event-query.service.js";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors/app-errors.js";
import type { DeadLetter, OutboxRepository } from "../graph/outbox.repository.js";
import type { NamedQueryRecord, SubscriptionRecord, SubscriptionRepository } from "../graph/subscription.repository.js";
import type { NotifyOptions } from "./notify-options.js";
import { compileSchedule, nextRun } from "./query-schedule.js";
import type { WebhookAllowList } from "./webhook-destination.js";
import { matchingEventIds, normalizeQueryParams } from "./subscriber-view.js";
import { checkedWebhook } from "./webhook-request.js";

export type { DeadLetter, NamedQueryRecord, SubscriptionRecord };

/** `POST /queries/{name}/subscriptions` as the EPCIS 2.0 REST binding defines its body. */
export interface SubscriptionRequest {
  dest?: unknown;
  signatureToken?: unknown;
  stream?: unknown;
  schedule?: unknown;
  reportIfEmpty?: unknown;
  initialRecordTime?: unknown;
}

const NAME = /^[A-Za-z0-9._~-]{1,100}$/;
const LIST_LIMIT = 500;
/** Events queued at once for `initialRecordTime` (older ones are read with GET /queries/{name}/events). */
const BACKFILL_LIMIT = 10_000;

/**
 * EPCIS 2.0 named queries and their subscriptions (issue 18 item 1). A query belongs to the organisation of the
 * credential that made it (the operator's, for an ADMIN without one); its subscriptions are matched and delivered as
 * that credential sees the events (API-CONTRACT §6), through the events page's own scoped query.
 */
export class SubscriptionService {
  constructor(
    private readonly repository: SubscriptionRepository,
    private readonly outbox: OutboxRepository,
    private readonly events: EventQueryService,
    private readonly allowList: WebhookAllowList,
    private readonly options: Pick<NotifyOptions, "batchSize"> & { queue: string },
    private readonly wake: () => void,
  ) {}

  async createQuery(body: unknown, principal: Principal): Promise<NamedQueryRecord> {
    const { name, query } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new BadUserInputError("name must be 1-100 letters, digits, '.', '_', '~' or '-'", {
        field: "name",
        rule: "query name",
      });
    }
    const params = normalizeQueryParams(query ?? {});
    // Checked as the events page checks it (event types, identifiers, times), with the caller's view.
    await this.events.page(params, 1, null, principal);
    const json = JSON.stringify(params);
    if (!(await this.repository.createQuery(queryKey(principal, name), ownerKey(principal), name, json))) {
      throw new ConflictError(`a query named ${name} exists already`, { field: "name", rule: "unique" });
    }
    return { name, params: json, createdAt: new Date().toISOString() };
  }

  async listQueries(principal: Principal): Promise<NamedQueryRecord[]> {
    return this.repository.listQueries(ownerKey(principal), LIST_LIMIT);
  }

  async findQuery(name: string, principal: Principal): Promise<NamedQueryRecord> {
    const found = await this.repository.findQuery(queryKey(principal, name));
    if (!found) throw new NotFoundError(`no query named ${name}`);
    return found;
  }

  async deleteQuery(name: string, principal: Principal): Promise<void> {
    if (!(await this.repository.deleteQuery(queryKey(principal, name)))) {
      throw new NotFoundError(`no query named ${name}`);
    }
  }

  /** The named query's parameters, for a stream of its events from now on (the WebSocket binding). */
  async queryParams(name: string, principal: Principal): Promise<EventQueryParams> {
    const found = await this.findQuery(name, principal);
    return JSON.parse(found.params) as EventQueryParams;
  }

  /** The named query's events, as GET /epcis/events pages them. */
  async queryEvents(name: string, perPage: number, after: string | null, principal: Principal) {
    const found = await this.findQuery(name, principal);
    return this.events.page(JSON.parse(found.params) as EventQueryParams, perPage, after, principal);
  }

  async subscribe(name: string, request: SubscriptionRequest, principal: Principal): Promise<SubscriptionRecord> {
    const found = await this.findQuery(name, principal);
    const { dest, signatureToken } = checkedWebhook(request, this.allowList);
    const stream = request.stream === true;
    const hasSchedule = request.schedule !== undefined && request.schedule !== null;
    if (stream === hasSchedule) {
      throw new BadUserInputError("set either stream: true or a schedule", {
        field: "stream",
        rule: "stream or schedule",
      });
    }
    const initial = optionalTime(request.initialRecordTime, "initialRecordTime");
    const now = Date.now();
    const compiled = hasSchedule ? compileSchedule(request.schedule) : null;
    const first = compiled ? nextRun(compiled, now) : null;
    if (compiled && first === null) {
      throw new BadUserInputError("schedule never runs", { field: "schedule", rule: "cron field" });
    }
    const id = randomUUID();
    const created = await this.repository.createSubscription({
      id,
      queue: this.options.queue,
      queryKey: queryKey(principal, name),
      dest,
      signatureToken,
      stream,
      schedule: compiled ? JSON.stringify(request.schedule) : null,
      reportIfEmpty: request.reportIfEmpty === true,
      initialRecordTime: initial,
      principal: JSON.stringify(principal),
      batchSize: this.options.batchSize,
      nextRunAt: first,
      lastRunAt: compiled ? (initial ?? new Date(now).toISOString()) : null,
    });
    if (!created) throw new NotFoundError(`no query named ${name}`);
    if (stream && initial) await this.backfill(id, found, initial, principal);
    return this.findSubscription(name, id, principal);
  }

  async findSubscription(name: string, id: string, principal: Principal): Promise<SubscriptionRecord> {
    const found = await this.repository.findSubscription(queryKey(principal, name), id);
    if (!found) throw new NotFoundError(`no subscription ${id} of query ${name}`);
    return found;
  }

  async listSubscriptions(name: string, principal: Principal): Promise<SubscriptionRecord[]> {
    await this.findQuery(name, principal);
    return this.repository.listSubscriptions(queryKey(principal, name), LIST_LIMIT);
  }

  async unsubscribe(name: string, id: string, principal: Principal): Promise<void> {
    if (!(await this.repository.endSubscription(queryKey(principal, name), id))) {
      throw new NotFoundError(`no subscription ${id} of query ${name}`);
    }
  }

  /** The subscription's dead letters: items that kept failing for the retry window, oldest first. */
  async deadLetters(name: string, id: string, principal: Principal): Promise<DeadLetter[]> {
    await this.findSubscription(name, id, principal);
    return this.outbox.deadLetters(id, LIST_LIMIT);
  }

  /** Queues dead letters again (all, or those with the given keys); answers how many. */
  async replay(name: string, id: string, keys: readonly string[] | null, principal: Principal): Promise<number> {
    await this.findSubscription(name, id, principal);
    const replayed = await this.outbox.replay(id, keys);
    if (replayed > 0) this.wake();
    return replayed;
  }

  /** `initialRecordTime`: the events recorded since then that the subscriber sees, queued before new ones. */
  private async backfill(id: string, found: NamedQueryRecord, since: string, principal: Principal): Promise<void> {
    const params = { ...(JSON.parse(found.params) as EventQueryParams), GE_recordTime: since };
    const keys = await matchingEventIds(this.events, params, principal, BACKFILL_LIMIT);
    if (keys.length === 0) return;
    await this.outbox.queue("", [], [{ subscriptionId: id, kind: "EVENT", keys }]);
    this.wake();
  }
}

/** Whose queries these are: the credential's organisation, or the operator. */
export function ownerKey(principal: Principal): string {
  return principal.organizationId ?? "operator";
}

export function queryKey(principal: Principal, name: string): string {
  return `${ownerKey(principal)}|${name}`;
}

function optionalTime(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  const date = typeof value === "string" ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new BadUserInputError(`${field} must be a date-time`, { field });
  return date.toISOString();
}
