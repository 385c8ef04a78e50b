import type { StoredEvent } from "../graph/event.repository.js";
import { usedNamespaces } from "./used-namespaces.js";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

/**
 * Wraps events in an EPCISQueryDocument (EPCIS 2.0 §12, JSON binding): the standard context, plus the namespace
 * prefixes these events use (declared by the documents they were captured in), so their extension fields stay
 * meaningful and nothing of another document leaks in.
 */
export function queryDocument(events: readonly StoredEvent[], queryName = "SimpleEventQuery"): Record<string, unknown> {
  const prefixes: Record<string, string> = {};
  for (const stored of events) Object.assign(prefixes, usedNamespaces(stored.event, stored.namespaces));
  return {
    "@context": Object.keys(prefixes).length ? [EPCIS_CONTEXT, prefixes] : [EPCIS_CONTEXT],
    type: "EPCISQueryDocument",
    schemaVersion: "2.0",
    creationDate: new Date().toISOString(),
    epcisBody: {
      queryResults: {
        queryName,
        resultsBody: { eventList: events.map((e) => e.event) },
      },
    },
  };
}
