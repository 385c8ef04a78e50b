import type { Executor } from "./executor.js";
import * as Q from "./event.queries.js";
import type { EventFilter } from "./event.queries.js";

export interface StoredEvent {
  eventId: string;
  eventTime: string;
  /** The event as captured, with its eventID and any later error declaration filled in. */
  event: Record<string, unknown>;
  namespaces: Record<string, string>;
  /** A native event (the producer's flow): what its EPCIS view is built from besides `event`, its own document. */
  native: NativeEventFacts | null;
}

export interface NativeEventFacts {
  type: string;
  recordTime: string | null;
  action: string | null;
  bizStep: string | null;
  objectKeys: string[] | null;
  /** Written since native events are served as EPCIS events; null on older ones. */
  epcKeys: string[] | null;
  classKeys: string[] | null;
  parentKey: string | null;
}

export class EventRepository {
  constructor(private readonly executor: Executor) {}

  /** One keyset page (one more row than `first` tells whether another page follows). */
  async page(
    filter: EventFilter,
    first: number,
    after: { eventTime: string; eventId: string } | null,
    scope?: string,
  ): Promise<StoredEvent[]> {
    const rows = await this.executor.read(Q.eventsPage(filter, first, after, scope));
    return rows.map((row) => {
      const event = JSON.parse(row.document as string) as Record<string, unknown>;
      event.eventID ??= row.eventId;
      if (row.errorDeclared === true && event.errorDeclaration === undefined) {
        event.errorDeclaration = {
          declarationTime: row.errorDeclarationTime,
          ...(row.errorReason ? { reason: row.errorReason } : {}),
        };
      }
      return {
        eventId: row.eventId as string,
        eventTime: row.eventTime as string,
        event,
        namespaces: row.namespaces ? (JSON.parse(row.namespaces as string) as Record<string, string>) : {},
        native: (row.native as NativeEventFacts | null) ?? null,
      };
    });
  }
}
