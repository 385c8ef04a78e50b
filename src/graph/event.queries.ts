import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/** Filters of the EPCIS 2.0 query interface we serve (GET /epcis/events and GraphQL `events`). */
export interface EventFilter {
  eventIds?: string[];
  eventTypes?: string[];
  geEventTime?: string;
  ltEventTime?: string;
  geRecordTime?: string;
  ltRecordTime?: string;
  bizSteps?: string[];
  bizLocations?: string[];
  readPoints?: string[];
  /** MATCH_epc: instance EPCs in epcList, childEPCs, inputEPCList, outputEPCList. */
  epcs?: string[];
  /** MATCH_anyEPC: as MATCH_epc plus parentID. */
  anyEpcs?: string[];
  /** MATCH_epcClass: classes in the quantity lists. */
  epcClasses?: string[];
}

/** Each filter is a fixed Cypher fragment; values only ever travel as parameters. */
const CLAUSES: { [K in keyof EventFilter]-?: string } = {
  eventIds: "e.eventId IN $eventIds",
  eventTypes: "e.type IN $eventTypes",
  geEventTime: "e.eventTime >= datetime($geEventTime)",
  ltEventTime: "e.eventTime < datetime($ltEventTime)",
  geRecordTime: "e.recordTime >= datetime($geRecordTime)",
  ltRecordTime: "e.recordTime < datetime($ltRecordTime)",
  bizSteps: "e.bizStep IN $bizSteps",
  bizLocations: "e.bizLocation IN $bizLocations",
  readPoints: "e.readPoint IN $readPoints",
  epcs: "any(k IN coalesce(e.epcKeys, []) WHERE k IN $epcs)",
  anyEpcs: "(any(k IN coalesce(e.epcKeys, []) WHERE k IN $anyEpcs) OR e.parentKey IN $anyEpcs)",
  epcClasses: "any(k IN coalesce(e.classKeys, []) WHERE k IN $epcClasses)",
};

/**
 * A page of events in (eventTime, eventId) order after the keyset position `after`. Error-declared events are
 * returned too (the EPCIS query interface shows them with their declaration). Every stored event (one with a
 * document) has its eventTime; saying so lets an unfiltered page read the eventTime index in order and stop after
 * `first + 1` events, where it would otherwise scan and sort every event.
 */
export function eventsPage(
  filter: EventFilter,
  first: number,
  after: { eventTime: string; eventId: string } | null,
  scope?: string,
): Query {
  const where: string[] = [];
  const params: Record<string, unknown> = { fetch: neo4j.int(first + 1) };
  // API-CONTRACT §6: a party lists the events it may see (viewers.queries.ts), walking its own sightings in order:
  // predicates on all three properties of the index and the order by its whole key let the seek give the order.
  const scoped = scope !== undefined;
  if (scoped) params.scope = scope;
  for (const name of Object.keys(CLAUSES) as (keyof EventFilter)[]) {
    const value = filter[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    where.push(CLAUSES[name]);
    params[name] = value;
  }
  const [time, id] = scoped ? ["v.at", "v.eventId"] : ["e.eventTime", "e.eventId"];
  if (after) {
    // A range on the time alone, then the tie: the seek stays one range in index order (an OR of two would not).
    where.push(`${time} >= datetime($afterTime) AND (${time} > datetime($afterTime) OR ${id} > $afterId)`);
    params.afterTime = after.eventTime;
    params.afterId = after.eventId;
  }
  const match = scoped
    ? "MATCH (:Organization)-[v:SEES_EVENT]->(e:Event)\nUSING INDEX v:SEES_EVENT(party)\nWHERE v.party = $scope AND v.at IS NOT NULL AND v.eventId IS NOT NULL AND e.document IS NOT NULL"
    : "MATCH (e:Event)\nWHERE e.document IS NOT NULL AND e.eventTime IS NOT NULL";
  return query(
    scoped ? "events.pageScoped" : "events.page",
    `${match}${where.length ? ` AND ${where.join(" AND ")}` : ""}
RETURN e.eventId AS eventId, e.eventTime AS eventTime, e.document AS document,
       e.errorDeclared AS errorDeclared, e.namespaces AS namespaces, e.errorReason AS errorReason, e.errorDeclarationTime AS errorDeclarationTime
ORDER BY ${scoped ? "v.party, " : ""}${time}, ${id}
LIMIT $fetch`,
    params,
  );
}
