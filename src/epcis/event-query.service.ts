import type { EventRepository, StoredEvent } from "../graph/event.repository.js";
import type { MasterDataRecord, MasterDataRepository } from "../graph/master-data.repository.js";
import { vocabularyKeysOf } from "./master-data-header.js";
import type { EventFilter } from "../graph/event.queries.js";
import { afterPosition, keysetPage } from "../graph/keyset-page.js";
import { checkPageSize } from "../paging/page-limits.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { resolveInput } from "../registry/identifier-input.js";
import { cbvShortName } from "./cbv.js";
import { EPCIS_EVENT_TYPES } from "./epcis-event.type.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import { NATIVE_NAMESPACES, nativeEpcisEvent } from "./native-epcis-event.js";
import { nativeEventId, storedTypesOf } from "./native-event-id.js";

/** The query parameters of the EPCIS 2.0 query interface we support, as they arrive (lists already split). */
export interface EventQueryParams {
  EQ_eventID?: string[];
  eventType?: string[];
  GE_eventTime?: string;
  LT_eventTime?: string;
  GE_recordTime?: string;
  LT_recordTime?: string;
  EQ_bizStep?: string[];
  EQ_bizLocation?: string[];
  EQ_readPoint?: string[];
  MATCH_epc?: string[];
  MATCH_anyEPC?: string[];
  MATCH_epcClass?: string[];
}

/** The list-valued parameters of EventQueryParams (a list, or one string split at commas). */
export const EVENT_QUERY_LIST_PARAMS = [
  "EQ_eventID",
  "eventType",
  "EQ_bizStep",
  "EQ_bizLocation",
  "EQ_readPoint",
  "MATCH_epc",
  "MATCH_anyEPC",
  "MATCH_epcClass",
] as const;

/** The single-valued (time) parameters of EventQueryParams. */
export const EVENT_QUERY_SINGLE_PARAMS = ["GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime"] as const;

/** The query parameters with times as instants, as the GraphQL filter carries them. */
export type EventConnectionFilter = Omit<EventQueryParams, "GE_eventTime" | "LT_eventTime"> & {
  GE_eventTime?: Date | null;
  LT_eventTime?: Date | null;
};

export interface EventPage {
  events: StoredEvent[];
  /** One cursor per event: its keyset position. */
  cursors: string[];
  nextCursor: string | null;
  /** The master data of the locations, parties and classes these events use (their query document's header). */
  masterData: MasterDataRecord[];
}

/**
 * Serves events back, filtered as the EPCIS query interface says, in keyset pages: captured events as they came,
 * native events (the producer's flow) as the EPCIS events they are, our codes as their URLs on `publicBaseUrl`.
 */
export class EventQueryService {
  constructor(
    private readonly repository: EventRepository,
    private readonly publicBaseUrl: string,
    private readonly masterData?: MasterDataRepository,
  ) {}

  /**
   * The GraphQL `events` connection: filter times as instants, events with their time as a Date. `endCursor` is
   * null on the last page (as `nextPageToken` is over REST).
   */
  async connection(filter: EventConnectionFilter | null, first: number, after: string | null, principal: Principal) {
    const { GE_eventTime, LT_eventTime, ...lists } = filter ?? {};
    const page = await this.page(
      { ...lists, GE_eventTime: GE_eventTime?.toISOString(), LT_eventTime: LT_eventTime?.toISOString() },
      first,
      after,
      principal,
    );
    const edges = page.events.map((stored, i) => ({
      cursor: page.cursors[i] ?? "",
      node: { eventId: stored.eventId, eventTime: new Date(stored.eventTime), event: stored.event },
    }));
    return { edges, pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: page.nextCursor } };
  }

  async page(params: EventQueryParams, first: number, after: string | null, principal: Principal): Promise<EventPage> {
    checkPageSize(first, "events", "perPage");
    const cursor = afterPosition(after, ["datetime", "text"]);
    const rows = await this.repository.page(
      toFilter(params),
      first,
      cursor ? { eventTime: String(cursor[0]), eventId: String(cursor[1]) } : null,
      readScope(principal),
    );
    const { edges, pageInfo } = keysetPage(rows, first, (e) => [e.eventTime, e.eventId]);
    const events = edges.map((e) => this.asEpcis(e.node));
    return {
      events,
      cursors: edges.map((e) => e.cursor),
      nextCursor: pageInfo.hasNextPage ? pageInfo.endCursor : null,
      masterData: (await this.masterData?.byKeys(vocabularyKeysOf(events.map((e) => e.event)))) ?? [],
    };
  }

  private asEpcis(stored: StoredEvent): StoredEvent {
    if (stored.native === null) return stored;
    const event = nativeEpcisEvent({ ...stored, native: stored.native }, this.publicBaseUrl);
    return { ...stored, eventId: String(event.eventID), event, namespaces: { ...NATIVE_NAMESPACES } };
  }
}

function toFilter(params: EventQueryParams): EventFilter {
  for (const type of params.eventType ?? []) {
    if (!(EPCIS_EVENT_TYPES as readonly string[]).includes(type)) {
      throw new BadUserInputError(`eventType "${type}" is not an EPCIS event type`, {
        field: "eventType",
        value: type,
      });
    }
  }
  return {
    eventIds: params.EQ_eventID?.flatMap(withNativeId),
    eventTypes: params.eventType && storedTypesOf(params.eventType),
    geEventTime: time(params.GE_eventTime, "GE_eventTime"),
    ltEventTime: time(params.LT_eventTime, "LT_eventTime"),
    geRecordTime: time(params.GE_recordTime, "GE_recordTime"),
    ltRecordTime: time(params.LT_recordTime, "LT_recordTime"),
    bizSteps: params.EQ_bizStep?.map((step) => cbvShortName("bizStep", step) ?? step),
    bizLocations: params.EQ_bizLocation?.map((id) => key(id, "EQ_bizLocation")),
    readPoints: params.EQ_readPoint?.map((id) => key(id, "EQ_readPoint")),
    epcs: params.MATCH_epc?.map((id) => key(id, "MATCH_epc")),
    anyEpcs: params.MATCH_anyEPC?.map((id) => key(id, "MATCH_anyEPC")),
    epcClasses: params.MATCH_epcClass?.map((id) => key(id, "MATCH_epcClass")),
  };
}

/** A native event is asked for by its EPCIS eventID and stored under its own. */
function withNativeId(id: string): string[] {
  const native = nativeEventId(id);
  return native === undefined ? [id] : [id, native];
}

function time(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new BadUserInputError(`${field}: "${value}" is not a date-time`, { field });
  return date.toISOString();
}

/** Identifiers in queries resolve as in capture: canonical keys, and opaque URIs matched as given. */
function key(value: string, field: string): string {
  return resolveInput(value, field).key;
}
