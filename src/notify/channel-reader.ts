import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import type { EventQueryParams, EventQueryService } from "../epcis/event-query.service.js";
import type { AlertFilter, AlertRecord, AlertRepository } from "../graph/alert.repository.js";
import type { StoredEvent } from "../graph/event.repository.js";
import type { DeliveryKind } from "../graph/outbox.repository.js";
import type { RecallNoticeRepository, RecallNoticeRow } from "../graph/recall-notice.repository.js";
import { RecentEvents } from "./recent-events.js";
import { restrictedTo, visibleEvents } from "./subscriber-view.js";

/**
 * What a streaming subscription is sent: the events its query matches (webhooks, `eventCaptured`), the diversion
 * alerts its filter matches (`diversionAlertRaised`, alert webhooks), or the recall notices sent to its organisation
 * (`recallNoticeReceived`).
 */
export const Channel = { EVENTS: "EVENTS", ALERTS: "ALERTS", NOTICES: "NOTICES" } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

/** The kind of the items a channel queues (their idempotency keys: eventIDs, alert ids, notice ids). */
export const CHANNEL_ITEMS: Record<Channel, DeliveryKind> = { EVENTS: "EVENT", ALERTS: "ALERT", NOTICES: "NOTICE" };

export function channelOf(value: string): Channel {
  return value === Channel.ALERTS || value === Channel.NOTICES ? value : Channel.EVENTS;
}

/** The ids one outbox change (or a batch of them) names. */
export interface ChangedIds {
  eventIds: readonly string[];
  alertIds: readonly string[];
  noticeIds: readonly string[];
}

/**
 * Reads a channel's items as a subscriber may see them (API-CONTRACT §6), always through the scoped Cypher reads:
 * events through the events page's own query, alerts through the party's sightings, notices by their holder.
 */
export class ChannelReader {
  private readonly recent = new RecentEvents();

  constructor(
    private readonly events: EventQueryService,
    private readonly alertRepository: AlertRepository,
    private readonly noticeRepository: RecallNoticeRepository,
  ) {}

  /** The keys among `changed` that a subscription of `channel` with `params` (JSON) sent as `principal` is sent. */
  async matching(channel: Channel, params: string, principal: Principal, changed: ChangedIds): Promise<string[]> {
    switch (channel) {
      case Channel.EVENTS: {
        const restricted = restrictedTo(JSON.parse(params) as EventQueryParams, changed.eventIds);
        if (!restricted) return [];
        const events = await visibleEvents(this.events, restricted, principal, changed.eventIds.length);
        this.recent.remember(readScope(principal) ?? "*", events);
        return events.map((e) => e.eventId);
      }
      case Channel.ALERTS:
        return (await this.alerts(changed.alertIds, params, principal)).map((a) => a.id);
      case Channel.NOTICES:
        return (await this.notices(changed.noticeIds, principal)).map((n) => n.id);
    }
  }

  /** The events among `eventIds` the principal may see, in that order. */
  async eventsByIds(eventIds: readonly string[], principal: Principal): Promise<StoredEvent[]> {
    if (eventIds.length === 0) return [];
    const recent = this.recent.recall(readScope(principal) ?? "*", eventIds);
    if (recent) return recent;
    const found = await visibleEvents(this.events, { EQ_eventID: [...eventIds] }, principal, eventIds.length);
    const byId = new Map(found.map((e) => [e.eventId, e]));
    return eventIds.flatMap((id) => byId.get(id) ?? []);
  }

  /** The alerts among `alertIds` matching `filter` (an AlertFilter as JSON) that the principal may see. */
  async alerts(alertIds: readonly string[], filter: string, principal: Principal): Promise<AlertRecord[]> {
    if (alertIds.length === 0) return [];
    return this.alertRepository.visibleByIds(alertIds, JSON.parse(filter) as AlertFilter, readScope(principal));
  }

  /** The notices among `noticeIds` sent to the principal's organisation (every one for the operator, a regulator). */
  async notices(noticeIds: readonly string[], principal: Principal): Promise<RecallNoticeRow[]> {
    if (noticeIds.length === 0) return [];
    return this.noticeRepository.byIds(noticeIds, readScope(principal) ?? null);
  }
}
