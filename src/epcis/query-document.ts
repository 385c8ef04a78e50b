import type { StoredEvent } from "../graph/event.repository.js";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

/**
 * Wraps events in an EPCISQueryDocument (EPCIS 2.0 §12, JSON binding), declaring every namespace prefix the events
 * were captured with so their extension fields stay meaningful.
 */
export function queryDocument(events: readonly StoredEvent[], queryName = "SimpleEventQuery"): Record<string, unknown> {
  const prefixes: Record<string, string> = {};
  for (const stored of events) Object.assign(prefixes, stored.namespaces);
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
