import { type NamespaceMap } from "./epcis-event.type.js";
import { expandKey } from "./namespaces.js";

/**
 * The CBV master-data attribute `lotNumber` in ILMD (CBV 2.0 §10: `urn:epcglobal:cbv:mda:lotNumber`, written
 * `cbvmda:lotNumber` in JSON-LD). Matched on the expanded IRI so any declared prefix or the full URI works; the
 * literal CURIE is matched too because the standard context's `cbvmda` prefix is protected and cannot mean anything
 * else, even where a document (wrongly) redeclares it.
 */
const LOT_NUMBER_IRIS = new Set([
  "urn:epcglobal:cbv:mda:lotNumber",
  "https://ref.gs1.org/cbv/lotNumber",
  "https://ref.gs1.org/cbv/MDA-lotNumber",
]);

/** The lot number an ILMD declares, trimmed; undefined when there is none (or it is not a string or number). */
export function ilmdLotNumber(ilmd: unknown, namespaces: NamespaceMap): string | undefined {
  if (typeof ilmd !== "object" || ilmd === null) return undefined;
  for (const [key, value] of Object.entries(ilmd)) {
    const iri = expandKey(key, namespaces);
    if (key !== "cbvmda:lotNumber" && (iri === undefined || !LOT_NUMBER_IRIS.has(iri))) continue;
    const lot = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
    if (lot !== "") return lot;
  }
  return undefined;
}
