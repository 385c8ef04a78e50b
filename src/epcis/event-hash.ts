import { createHash } from "node:crypto";
import { type CbvVocabulary, cbvWebUri } from "./cbv.js";
import { canonicalOrSelf } from "../codes/index.js";
import { type EpcisEvent, type NamespaceMap } from "./epcis-event.type.js";
import { STANDARD_NAMESPACES, isFullIri, namespacesOf } from "./namespaces.js";

/**
 * The EPCIS Event Hash ID (CBV 2.0 §8.9.2; reference implementation github.com/RalphTro/epcis-event-hash-generator):
 * `ni:///sha-256;<hex>?ver=CBV2.0`, the SHA-256 of a canonical pre-hash string. The pre-hash concatenates, without
 * separators, `key=value` pairs in the canonical property order below; list members are sorted (case-sensitive, by
 * code unit); times are UTC with milliseconds; CBV values are Web URIs; EPC URNs and Digital Links are the
 * constrained canonical Digital Link on id.gs1.org; ILMD and user extensions are `{namespace}localName=value`, sorted.
 *
 * Simplifications, all on the side of "the same event hashes the same" (which is what capture relies on):
 * - no JSON-LD processing: extension keys are expanded with the prefixes of the document's `@context` objects (the
 *   standard EPCIS context prefixes are built in), not with remote contexts;
 * - sensor measurement types, alert types and components are expanded by fixed rules (`gs1:`, `cbv:Comp-`), the
 *   measurement-type spelling of the standard's JSON-LD context is not looked up;
 * - numeric strings in extensions lose trailing zeros by JavaScript's number formatting, which differs from the
 *   reference's Python formatting only for exponents (`1e-7` vs `1e-07`) and integers above 2^53;
 * - identifiers `src/codes` does not know are hashed as sent (trimmed);
 * - `rdfs:comment` / `comment` are left out, like `eventID`, `recordTime`, `errorDeclaration`, `certificationInfo`.
 * Checked against the reference's published pre-hash for its single-event example (see the unit test).
 */
export const EVENT_HASH_VERSION = "CBV2.0";

/** The event hash ID; `namespaces` are the prefixes of the enclosing document's `@context`. */
export function eventHashId(event: EpcisEvent, namespaces: NamespaceMap = STANDARD_NAMESPACES): string {
  const digest = createHash("sha256").update(eventPreHash(event, namespaces), "utf8").digest("hex");
  return `ni:///sha-256;${digest}?ver=${EVENT_HASH_VERSION}`;
}

type Fields = Readonly<Record<string, unknown>>;

/** Fields that are part of the canonical order (or deliberately not hashed), i.e. not user extensions. */
const NOT_EXTENSIONS = new Set([
  "@context",
  "type",
  "eventID",
  "recordTime",
  "errorDeclaration",
  "certificationInfo",
  "eventTime",
  "eventTimeZoneOffset",
  "epcList",
  "parentID",
  "inputEPCList",
  "childEPCs",
  "quantityList",
  "childQuantityList",
  "inputQuantityList",
  "outputEPCList",
  "outputQuantityList",
  "action",
  "transformationID",
  "bizStep",
  "disposition",
  "persistentDisposition",
  "readPoint",
  "bizLocation",
  "bizTransactionList",
  "sourceList",
  "destinationList",
  "sensorElementList",
  "ilmd",
  "rdfs:comment",
  "comment",
]);

/** The canonical pre-hash string of one event (exported for tests and debugging). */
export function eventPreHash(event: EpcisEvent, namespaces: NamespaceMap = STANDARD_NAMESPACES): string {
  const e = fieldsOf(event) ?? {};
  const ns = namespacesOf(e["@context"], namespaces);
  return [
    pair("eventType", e.type, text),
    pair("eventTime", e.eventTime, utcMillis),
    pair("eventTimeZoneOffset", e.eventTimeZoneOffset, text),
    epcs("epcList", e.epcList),
    pair("parentID", e.parentID, identifier),
    epcs("inputEPCList", e.inputEPCList),
    epcs("childEPCs", e.childEPCs),
    quantities("quantityList", e.quantityList),
    quantities("childQuantityList", e.childQuantityList),
    quantities("inputQuantityList", e.inputQuantityList),
    epcs("outputEPCList", e.outputEPCList),
    quantities("outputQuantityList", e.outputQuantityList),
    pair("action", e.action, text),
    pair("transformationID", e.transformationID, identifier),
    pair("bizStep", e.bizStep, vocabulary("bizStep")),
    pair("disposition", e.disposition, vocabulary("disposition")),
    persistentDisposition(e.persistentDisposition),
    place("readPoint", e.readPoint, ns),
    place("bizLocation", e.bizLocation, ns),
    typedList("bizTransactionList", "bizTransaction", "bizTransactionType", e.bizTransactionList),
    typedList("sourceList", "source", "sourceDestType", e.sourceList),
    typedList("destinationList", "destination", "sourceDestType", e.destinationList),
    sensorElements(e.sensorElementList, ns),
    sorted([group("ilmd", extensions(e.ilmd, ns, new Set())), extensions(e, ns, NOT_EXTENSIONS)]),
  ].join("");
}

// ---- values -------------------------------------------------------------------------------------------------------

type Canon = (value: unknown) => string | undefined;

const text: Canon = (value) => (typeof value === "string" ? value.trim() : scalar(value));

const identifier: Canon = (value) => (typeof value === "string" ? canonicalOrSelf(value) : undefined);

const vocabulary =
  (name: CbvVocabulary): Canon =>
  (value) =>
    typeof value === "string" ? cbvWebUri(name, value) : undefined;

/** ISO 8601 instant in UTC with exactly three fraction digits, rounded like the reference; else the trimmed text. */
export const utcMillis: Canon = (value) => {
  if (typeof value !== "string") return undefined;
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/i.exec(value.trim());
  if (match === null) return value.trim();
  const fraction = Math.round(Number(`0.${match[2] ?? "0"}`) * 1000);
  const millis = Date.parse(`${match[1]}${match[3]}`) + fraction;
  return Number.isNaN(millis) ? value.trim() : new Date(millis).toISOString();
};

/** Numbers without trailing zeros, booleans as `true`/`false`, numeric strings as numbers. */
function scalar(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) return String(Number(trimmed));
  return trimmed.startsWith("urn:epcglobal:cbv:") ? legacyCbvUri(trimmed) : canonicalOrSelf(trimmed);
}

const LEGACY_CBV: ReadonlyArray<readonly [string, CbvVocabulary]> = [
  ["urn:epcglobal:cbv:bizstep:", "bizStep"],
  ["urn:epcglobal:cbv:disp:", "disposition"],
  ["urn:epcglobal:cbv:btt:", "bizTransactionType"],
  ["urn:epcglobal:cbv:sdt:", "sourceDestType"],
  ["urn:epcglobal:cbv:er:", "errorReason"],
];

/** CBV rule 14: an EPCIS 1.x vocabulary URN anywhere is hashed as its Web URI. */
function legacyCbvUri(value: string): string {
  const match = LEGACY_CBV.find(([prefix]) => value.startsWith(prefix));
  return match === undefined ? value : cbvWebUri(match[1], value);
}

// ---- structure ----------------------------------------------------------------------------------------------------

function pair(key: string, value: unknown, canon: Canon): string {
  const canonical = value === undefined ? undefined : canon(value);
  return canonical === undefined || canonical === "" ? "" : `${key}=${canonical}`;
}

/** A named list or element: the name once, then its non-empty members. Empty when nothing is inside. */
function group(name: string, members: string): string {
  return members === "" ? "" : name + members;
}

function sorted(parts: readonly string[]): string {
  return parts
    .filter((part) => part !== "")
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join("");
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function fieldsOf(value: unknown): Fields | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function epcs(name: string, list: unknown): string {
  return group(name, sorted(arrayOf(list).map((epc) => pair("epc", epc, identifier))));
}

function quantities(name: string, list: unknown): string {
  const elements = arrayOf(list).map((element) => {
    const q = fieldsOf(element) ?? {};
    const members =
      pair("epcClass", q.epcClass, identifier) + pair("quantity", q.quantity, scalar) + pair("uom", q.uom, text);
    return group("quantityElement", members);
  });
  return group(name, sorted(elements));
}

function persistentDisposition(value: unknown): string {
  const pd = fieldsOf(value);
  if (pd === undefined) return "";
  const members = (key: string): string => sorted(arrayOf(pd[key]).map((d) => pair(key, d, vocabulary("disposition"))));
  return group("persistentDisposition", members("set") + members("unset"));
}

function place(name: string, value: unknown, ns: NamespaceMap): string {
  const fields = fieldsOf(value);
  if (fields === undefined) return "";
  return group(name, pair("id", fields.id, identifier) + extensions(fields, ns, new Set(["id"])));
}

/** Rule 13: the identifier first, then its type, before the members are sorted. */
function typedList(name: string, idKey: string, typeVocabulary: CbvVocabulary, list: unknown): string {
  const members = arrayOf(list).map((element) => {
    const fields = fieldsOf(element) ?? {};
    return pair(idKey, fields[idKey], identifier) + pair("type", fields.type, vocabulary(typeVocabulary));
  });
  return group(name, sorted(members));
}

const METADATA_ORDER = [
  "time",
  "startTime",
  "endTime",
  "deviceID",
  "deviceMetadata",
  "rawData",
  "dataProcessingMethod",
  "bizRules",
];
const REPORT_ORDER = [
  "type",
  "exception",
  "deviceID",
  "deviceMetadata",
  "rawData",
  "dataProcessingMethod",
  "time",
  "microorganism",
  "chemicalSubstance",
  "value",
  "component",
  "stringValue",
  "booleanValue",
  "hexBinaryValue",
  "uriValue",
  "minValue",
  "maxValue",
  "meanValue",
  "sDev",
  "percRank",
  "percValue",
  "uom",
  "coordinateReferenceSystem",
];

const SENSOR_CANON: Readonly<Record<string, Canon>> = {
  time: utcMillis,
  startTime: utcMillis,
  endTime: utcMillis,
  type: prefixed("https://gs1.org/voc/", ""),
  exception: prefixed("https://gs1.org/voc/", "SensorAlertType-"),
  component: prefixed("https://ref.gs1.org/cbv/", "Comp-"),
  stringValue: text,
  hexBinaryValue: text,
  uom: text,
};

/** A bare standard term becomes `<namespace><termPrefix><term>`; a URI or CURIE is kept (CURIEs are not expanded). */
function prefixed(namespace: string, termPrefix: string): Canon {
  return (value) => {
    if (typeof value !== "string") return undefined;
    const trimmed = value.trim();
    return /^[A-Za-z0-9_]+$/.test(trimmed) ? namespace + termPrefix + trimmed : canonicalOrSelf(trimmed);
  };
}

function ordered(fields: Fields, order: readonly string[], ns: NamespaceMap): string {
  const known = order.map((key) => pair(key, fields[key], SENSOR_CANON[key] ?? scalar)).join("");
  return known + extensions(fields, ns, new Set(order));
}

function sensorElements(list: unknown, ns: NamespaceMap): string {
  const elements = arrayOf(list).map((element) => {
    const fields = fieldsOf(element) ?? {};
    const metadata = fieldsOf(fields.sensorMetadata);
    const reports = arrayOf(fields.sensorReport).map((report) =>
      group("sensorReport", ordered(fieldsOf(report) ?? {}, REPORT_ORDER, ns)),
    );
    const members =
      (metadata === undefined ? "" : group("sensorMetadata", ordered(metadata, METADATA_ORDER, ns))) +
      sorted(reports) +
      extensions(fields, ns, new Set(["sensorMetadata", "sensorReport"]));
    return group("sensorElement", members);
  });
  return group("sensorElementList", sorted(elements));
}

// ---- user extensions and ILMD -------------------------------------------------------------------------------------

/** Rules 19-21: every key not in `skip` as `{namespace}local[=value]`, nested members inline, all sorted. */
function extensions(value: unknown, ns: NamespaceMap, skip: ReadonlySet<string>): string {
  const fields = fieldsOf(value);
  if (fields === undefined) return "";
  const parts: string[] = [];
  for (const [key, member] of Object.entries(fields)) {
    if (skip.has(key) || key.startsWith("@") || key === "#text") continue;
    const name = clarkName(key, ns);
    for (const item of Array.isArray(member) ? member : [member]) parts.push(extensionMember(name, item, ns));
  }
  return sorted(parts);
}

function extensionMember(name: string, value: unknown, ns: NamespaceMap): string {
  const fields = fieldsOf(value);
  if (fields === undefined) return value === null ? name : name + (pair("", value, scalar) || "");
  if ("@value" in fields) return name + pair("", fields["@value"], scalar);
  return name + extensions(fields, ns, new Set());
}

/** `{namespace}local`, the XML-style name the reference uses; a URN namespace (`urn:…:mda:`) loses its last colon. */
function clarkName(key: string, ns: NamespaceMap): string {
  let namespace: string;
  let local: string;
  if (isFullIri(key)) {
    const cut = /^urn:/i.test(key)
      ? key.lastIndexOf(":") + 1
      : Math.max(key.lastIndexOf("/"), key.lastIndexOf("#")) + 1;
    [namespace, local] = [key.slice(0, cut), key.slice(cut)];
  } else {
    const colon = key.indexOf(":");
    const declared = colon > 0 ? ns[key.slice(0, colon)] : undefined;
    if (declared === undefined) return key;
    [namespace, local] = [declared, key.slice(colon + 1)];
  }
  return `{${namespace.endsWith(":") ? namespace.slice(0, -1) : namespace}}${local}`;
}
