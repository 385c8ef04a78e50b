import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import {
  EVENT_QUERY_LIST_PARAMS,
  EVENT_QUERY_SINGLE_PARAMS,
  type EventQueryParams,
  type EventQueryService,
} from "../epcis/event-query.service.js";
import type { StoredEvent } from "../graph/event.repository.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { PAGE_LIMITS } from "../paging/page-limits.js";

/**
 * The `query` of `POST /queries` as EventQueryParams: the parameters the events page serves (lists as arrays of
 * strings, a single string split at commas; times as strings); any other parameter is refused, naming it.
 */
export function normalizeQueryParams(query: unknown): EventQueryParams {
  if (typeof query !== "object" || query === null || Array.isArray(query)) {
    throw new BadUserInputError("query must be an object of EPCIS query parameters", { field: "query" });
  }
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if ((EVENT_QUERY_LIST_PARAMS as readonly string[]).includes(name)) {
      const list = ([] as unknown[]).concat(value).flatMap((v) => String(v).split(","));
      if (list.some((v) => v === "")) throw new BadUserInputError(`query.${name} has an empty value`, { field: name });
      params[name] = list;
    } else if ((EVENT_QUERY_SINGLE_PARAMS as readonly string[]).includes(name) && typeof value === "string") {
      params[name] = value;
    } else {
      throw new BadUserInputError(`query parameter ${name} is not supported`, { field: `query.${name}` });
    }
  }
  return params as EventQueryParams;
}

/** The principal a subscription was made with (stored as JSON). */
export function subscriberOf(json: string): Principal {
  return JSON.parse(json) as Principal;
}

/** The group a subscriber's view falls in: subscriptions of one query and one view share one match. */
export function viewKey(params: string, principal: Principal): string {
  return `${readScope(principal) ?? "*"}|${params}`;
}

/**
 * The events matching `params` that `principal` may see, through the events page's own scoped query (so a
 * subscriber is told exactly what `GET /epcis/events` would list for it), in the page's order, up to `limit`.
 */
export async function visibleEvents(
  events: EventQueryService,
  params: EventQueryParams,
  principal: Principal,
  limit: number,
): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  let after: string | null = null;
  while (found.length < limit) {
    const page = await events.page(params, Math.min(PAGE_LIMITS.events, limit - found.length), after, principal);
    found.push(...page.events);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  return found;
}

export async function matchingEventIds(
  events: EventQueryService,
  params: EventQueryParams,
  principal: Principal,
  limit: number,
): Promise<string[]> {
  return (await visibleEvents(events, params, principal, limit)).map((e) => e.eventId);
}

/** Restricts a query to the given events (keeping its own EQ_eventID, if it has one, as a filter). */
export function restrictedTo(params: EventQueryParams, eventIds: readonly string[]): EventQueryParams | null {
  const own = params.EQ_eventID;
  const ids = own ? eventIds.filter((id) => own.includes(id)) : [...eventIds];
  return ids.length === 0 ? null : { ...params, EQ_eventID: ids };
}
