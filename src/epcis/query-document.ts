import type { StoredEvent } from "../graph/event.repository.js";
import type { MasterDataRecord } from "../graph/master-data.repository.js";
import { vocabularyListOf } from "./master-data-header.js";
import { usedNamespaces } from "./used-namespaces.js";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

/**
 * Wraps events in an EPCISQueryDocument (EPCIS 2.0 §12, JSON binding): the standard context, plus the namespace
 * prefixes these events use (declared by the documents they were captured in), so their extension fields stay
 * meaningful and nothing of another document leaks in.
 */
export function queryDocument(
  events: readonly StoredEvent[],
  queryName = "SimpleEventQuery",
  masterData: readonly MasterDataRecord[] = [],
): Record<string, unknown> {
  const prefixes: Record<string, string> = {};
  for (const stored of events) Object.assign(prefixes, usedNamespaces(stored.event, stored.namespaces));
  // The master data of the vocabulary elements these events use (issue 16 item 6). GS1's JSON schema gives an
  // EPCISQueryDocument no `epcisHeader`: query results carry master data in `resultsBody.vocabularyList`.
  for (const element of masterData) Object.assign(prefixes, element.namespaces);
  const vocabularyList = vocabularyListOf(masterData);
  return {
    "@context": Object.keys(prefixes).length ? [EPCIS_CONTEXT, prefixes] : [EPCIS_CONTEXT],
    type: "EPCISQueryDocument",
    schemaVersion: "2.0",
    creationDate: new Date().toISOString(),
    epcisBody: {
      queryResults: {
        queryName,
        resultsBody: {
          eventList: events.map((e) => e.event),
          ...(vocabularyList.length ? { vocabularyList } : {}),
        },
      },
    },
  };
}
