import type { MasterDataRecord } from "../graph/master-data.repository.js";
import { vocabularyElementKey } from "./master-data.js";

type Json = Record<string, unknown>;

const QUANTITY_LISTS = ["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"];

/**
 * The keys of the vocabulary elements an event uses (EPCIS 2.0 §8.2: master data of a query's events): its readPoint
 * and bizLocation, the parties of its sourceList and destinationList, the classes of its quantity lists.
 */
export function vocabularyKeysOf(events: readonly Json[]): string[] {
  const keys = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === "string" && value.trim() !== "") keys.add(vocabularyElementKey(value));
  };
  for (const event of events) {
    add(objectOf(event.readPoint)?.id);
    add(objectOf(event.bizLocation)?.id);
    for (const entry of listOf(event.sourceList)) add(entry.source);
    for (const entry of listOf(event.destinationList)) add(entry.destination);
    for (const list of QUANTITY_LISTS) for (const entry of listOf(event[list])) add(entry.epcClass);
  }
  return [...keys];
}

/**
 * These elements as an EPCIS `vocabularyList`, grouped by vocabulary type (the shape of `epcisMasterData` in a capture
 * document's header, and of a query's `resultsBody.vocabularyList`).
 */
export function vocabularyListOf(records: readonly MasterDataRecord[]): Json[] {
  const byType = new Map<string, Json[]>();
  for (const record of records) {
    const elements = byType.get(record.vtype) ?? [];
    elements.push({
      id: record.id,
      ...(record.attributes.length ? { attributes: record.attributes } : {}),
      ...(record.children.length ? { children: record.children } : {}),
    });
    byType.set(record.vtype, elements);
  }
  return [...byType].map(([type, vocabularyElementList]) => ({ type, vocabularyElementList }));
}

function objectOf(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function listOf(value: unknown): Json[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).flatMap((entry): Json[] => {
    const object = objectOf(entry);
    return object ? [object] : [];
  });
}
