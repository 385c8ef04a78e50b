import { type NamespaceMap } from "./epcis-event.type.js";

/**
 * JSON-LD prefixes for user extensions and ILMD keys (`example:batch`, `cbvmda:lotNumber`). The standard EPCIS 2.0
 * context (`https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld`) declares the ones below and marks them
 * `@protected`, so a document may add prefixes but cannot redefine these: standard prefixes win over a document's.
 */
export const STANDARD_NAMESPACES: NamespaceMap = {
  epcis: "https://ref.gs1.org/epcis/",
  cbv: "https://ref.gs1.org/cbv/",
  cbvmda: "urn:epcglobal:cbv:mda:",
  gs1: "https://gs1.org/voc/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  dcterms: "http://purl.org/dc/terms/",
};

const PREFIX = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/;

/**
 * Prefixes declared by a `@context` value (a URL, an object, or an array of both), merged over by the standard ones.
 * Only simple prefix definitions count (`"example": "https://ns.example.com/epcis/"`, or `{"@id": …, "@prefix":
 * true}`); term definitions such as `"rail:axleCount": {"@type": "xsd:integer"}` declare no prefix.
 */
export function namespacesOf(context: unknown, inherited: NamespaceMap = STANDARD_NAMESPACES): NamespaceMap {
  const declared: Record<string, string> = { ...inherited };
  for (const entry of Array.isArray(context) ? context : [context]) {
    if (typeof entry !== "object" || entry === null) continue;
    for (const [prefix, definition] of Object.entries(entry)) {
      const iri = prefixIri(definition);
      if (PREFIX.test(prefix) && iri !== undefined && !(prefix in STANDARD_NAMESPACES)) declared[prefix] = iri;
    }
  }
  return declared;
}

function prefixIri(definition: unknown): string | undefined {
  if (typeof definition === "string") return ABSOLUTE_IRI.test(definition) ? definition : undefined;
  if (typeof definition !== "object" || definition === null || !("@id" in definition)) return undefined;
  const id: unknown = definition["@id"];
  return typeof id === "string" && ABSOLUTE_IRI.test(id) ? id : undefined;
}

/** A key that is a full IRI rather than a CURIE: `http(s)://…`, `urn:…`, or any `scheme://…`. */
export function isFullIri(key: string): boolean {
  return /^urn:/i.test(key) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(key);
}

/** The full IRI of an extension key (`example:batch` -> `http://ns.example.com/epcis/batch`); undefined if unknown. */
export function expandKey(key: string, namespaces: NamespaceMap): string | undefined {
  if (isFullIri(key)) return key;
  const colon = key.indexOf(":");
  if (colon <= 0) return undefined;
  const namespace = namespaces[key.slice(0, colon)];
  return namespace === undefined ? undefined : namespace + key.slice(colon + 1);
}
