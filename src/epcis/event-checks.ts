import { IdentifierError, type IdentifierKind } from "../codes/index.js";
import { type CaptureErrorCode, type Issue } from "./capture-error.js";
import { type CbvVocabulary, normaliseCbv } from "./cbv.js";
import { resolveIdentifier } from "../codes/index.js";
import { EPCIS_EVENT_TYPES, type EpcisEventType, type NamespaceMap } from "./epcis-event.type.js";
import { isFullIri, namespacesOf } from "./namespaces.js";

/**
 * The checks of one event that the JSON schema cannot make: CBV vocabularies, identifiers (via `src/codes`), real
 * calendar times, numeric quantities and declared extension namespaces. Each problem is reported at its JSON Pointer,
 * which also tells `validate-document.ts` to drop the schema's (less precise) complaint about the same value.
 *
 * Returns the event with every CBV value rewritten to its short name, so that the schema, which only knows short names
 * and non-CBV URIs, accepts the `https://ref.gs1.org/cbv/…` and `urn:epcglobal:cbv:…` spellings too: a private copy
 * when a value changes, else the event itself (never changed).
 */
type Json = Record<string, unknown>;
type Report = (pointer: string, code: CaptureErrorCode, message: string) => void;
/** A CBV value's short name, to be written at `suffix` (a JSON Pointer into the event) of the event's copy. */
interface Rewrite {
  suffix: string;
  value: string;
}

const COMMON_FIELDS = [
  "@context",
  "type",
  "eventTime",
  "recordTime",
  "eventTimeZoneOffset",
  "eventID",
  "certificationInfo",
  "errorDeclaration",
  "bizStep",
  "disposition",
  "readPoint",
  "bizLocation",
  "bizTransactionList",
  "sourceList",
  "destinationList",
  "sensorElementList",
];

/** Fields of each event type besides the common ones (EPCIS 2.0 JSON schema, `propertyNames`). */
const TYPE_FIELDS: Readonly<Record<EpcisEventType, readonly string[]>> = {
  ObjectEvent: ["action", "epcList", "quantityList", "persistentDisposition", "ilmd"],
  AggregationEvent: ["action", "parentID", "childEPCs", "childQuantityList"],
  TransactionEvent: ["action", "parentID", "epcList", "quantityList"],
  TransformationEvent: [
    "inputEPCList",
    "inputQuantityList",
    "outputEPCList",
    "outputQuantityList",
    "transformationID",
    "persistentDisposition",
    "ilmd",
  ],
  AssociationEvent: ["action", "parentID", "childEPCs", "childQuantityList"],
};

const SENSOR_METADATA_FIELDS = [
  ...["time", "deviceID", "deviceMetadata", "rawData", "startTime", "endTime", "dataProcessingMethod", "bizRules"],
];
const SENSOR_REPORT_FIELDS = [
  ...["type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules", "time"],
  ...["microorganism", "chemicalSubstance", "coordinateReferenceSystem", "value", "component", "stringValue"],
  ...["booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev", "percRank"],
  ...["percValue", "uom"],
];

const EPC_LISTS = ["epcList", "childEPCs", "inputEPCList", "outputEPCList"] as const;
export const QUANTITY_LISTS = ["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"] as const;

export function isEventType(value: unknown): value is EpcisEventType {
  return typeof value === "string" && (EPCIS_EVENT_TYPES as readonly string[]).includes(value);
}

export function objectOf(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** JSON Pointer escaping (RFC 6901), as Ajv uses in `instancePath`. */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Checks the event at `pointer` and appends its issues; returns it with CBV values in their short names. */
export function checkEvent(
  event: unknown,
  pointer: string,
  documentNamespaces: NamespaceMap,
  issues: Issue[],
): unknown {
  const e = objectOf(event);
  if (e === undefined) return event;
  const report: Report = (suffix, code, message) => issues.push({ path: pointer + suffix, code, message });
  if (!isEventType(e.type)) {
    if (typeof e.type === "string") {
      report("", "UNSUPPORTED_EVENT_TYPE", `event type "${e.type}" is not one of ${EPCIS_EVENT_TYPES.join(", ")}`);
    }
    return event;
  }
  const rewrites: Rewrite[] = [];
  checkTimes(e, report);
  checkVocabularies(e, report, rewrites);
  checkIdentifiers(e, report);
  checkQuantities(e, report);
  checkExtensions(e, e.type, report, namespacesOf(e["@context"], documentNamespaces));
  return rewrites.length === 0 ? event : rewritten(e, rewrites);
}

/** A copy of the event with the rewrites made (only CBV values change, at the pointers their checks named). */
function rewritten(e: Json, rewrites: readonly Rewrite[]): Json {
  const copy = structuredClone(e);
  for (const { suffix, value } of rewrites) {
    const tokens = suffix.split("/").slice(1);
    const last = tokens.pop();
    let holder: unknown = copy;
    for (const token of tokens) holder = (holder as Record<string, unknown>)[token];
    if (last !== undefined) (holder as Record<string, unknown>)[last] = value;
  }
  return copy;
}

// ---- times --------------------------------------------------------------------------------------------------------

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/i;
const TIME_ZONE_OFFSET = /^[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)$/;

/** RFC 3339 `date-time` with a real calendar date (Date.parse would roll 30 February over into March). */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (m === null) return false;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = m
    .slice(1)
    .map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  return (
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 59 &&
    (offsetHour ?? 0) <= 14 &&
    (offsetMinute ?? 0) <= 59
  );
}

function checkTimes(e: Json, report: Report): void {
  const time = (value: unknown, suffix: string): void => {
    if (typeof value === "string" && !isDateTime(value)) {
      report(suffix, "BAD_TIME", `"${value}" is not a date-time with a time zone (e.g. 2024-05-01T08:30:00.000+08:00)`);
    }
  };
  time(e.eventTime, "/eventTime");
  time(e.recordTime, "/recordTime");
  time(objectOf(e.errorDeclaration)?.declarationTime, "/errorDeclaration/declarationTime");
  const offset = e.eventTimeZoneOffset;
  if (typeof offset === "string" && !TIME_ZONE_OFFSET.test(offset)) {
    report(
      "/eventTimeZoneOffset",
      "BAD_TIME",
      `eventTimeZoneOffset "${offset}" is not an offset from -14:00 to +14:00`,
    );
  }
}

// ---- CBV vocabularies ---------------------------------------------------------------------------------------------

/**
 * Checks `container[key]`: reports a value that is neither a CBV term nor an absolute URI, and asks for a value
 * spelled otherwise than its short name to be rewritten (at `suffix`, the value's pointer within the event).
 */
function vocabulary(
  container: unknown,
  key: string | number,
  name: CbvVocabulary,
  suffix: string,
  report: Report,
  rewrites: Rewrite[],
): void {
  const holder = container as Record<string | number, unknown> | undefined;
  const value = holder?.[key];
  if (holder === undefined || typeof value !== "string") return;
  const result = normaliseCbv(name, value);
  if (!result.ok) report(suffix, "UNKNOWN_VOCABULARY", result.reason);
  else if (result.value !== value) rewrites.push({ suffix, value: result.value });
}

function checkVocabularies(e: Json, report: Report, rewrites: Rewrite[]): void {
  const check = (container: unknown, key: string | number, name: CbvVocabulary, suffix: string) =>
    vocabulary(container, key, name, suffix, report, rewrites);
  check(e, "bizStep", "bizStep", "/bizStep");
  check(e, "disposition", "disposition", "/disposition");
  const persistent = objectOf(e.persistentDisposition);
  for (const key of ["set", "unset"]) {
    const list = arrayOf(persistent?.[key]);
    list.forEach((_, i) => check(list, i, "disposition", `/persistentDisposition/${key}/${i}`));
  }
  for (const list of ["sourceList", "destinationList"]) {
    arrayOf(e[list]).forEach((item, i) => check(objectOf(item), "type", "sourceDestType", `/${list}/${i}/type`));
  }
  arrayOf(e.bizTransactionList).forEach((item, i) =>
    check(objectOf(item), "type", "bizTransactionType", `/bizTransactionList/${i}/type`),
  );
  check(objectOf(e.errorDeclaration), "reason", "errorReason", "/errorDeclaration/reason");
}

// ---- identifiers --------------------------------------------------------------------------------------------------

type Role = "instance" | "class" | "place" | "any";

const WRONG_KIND: Readonly<Record<Role, (kind: IdentifierKind) => string | undefined>> = {
  instance: (kind) =>
    kind === "PRODUCT" || kind === "LOT" ? "names a class of objects; classes belong in a quantity list" : undefined,
  class: (kind) =>
    kind === "PRODUCT" || kind === "LOT" ? undefined : "is not a class (a GTIN, GTIN + lot or EPC class)",
  place: (kind) => (kind === "LOCATION" ? undefined : "is not a location (an SGLN, or a URI of your own)"),
  any: () => undefined,
};

function identifier(value: unknown, role: Role, suffix: string, report: Report): void {
  if (typeof value !== "string") return;
  try {
    const { kind } = resolveIdentifier(value);
    const problem = kind === undefined ? undefined : WRONG_KIND[role](kind);
    if (problem !== undefined) report(suffix, "BAD_IDENTIFIER", `"${value}" ${problem}`);
  } catch (error) {
    if (!(error instanceof IdentifierError)) throw error;
    report(suffix, "BAD_IDENTIFIER", `"${value}" is not a valid identifier: ${error.reason}`);
  }
}

function checkIdentifiers(e: Json, report: Report): void {
  for (const list of EPC_LISTS) {
    arrayOf(e[list]).forEach((epc, i) => identifier(epc, "instance", `/${list}/${i}`, report));
  }
  identifier(e.parentID, "instance", "/parentID", report);
  for (const list of QUANTITY_LISTS) {
    arrayOf(e[list]).forEach((q, i) => identifier(objectOf(q)?.epcClass, "class", `/${list}/${i}/epcClass`, report));
  }
  identifier(objectOf(e.readPoint)?.id, "place", "/readPoint/id", report);
  identifier(objectOf(e.bizLocation)?.id, "place", "/bizLocation/id", report);
  arrayOf(e.sourceList).forEach((s, i) => identifier(objectOf(s)?.source, "any", `/sourceList/${i}/source`, report));
  arrayOf(e.destinationList).forEach((d, i) =>
    identifier(objectOf(d)?.destination, "any", `/destinationList/${i}/destination`, report),
  );
}

// ---- quantities ---------------------------------------------------------------------------------------------------

function checkQuantities(e: Json, report: Report): void {
  for (const list of QUANTITY_LISTS) {
    arrayOf(e[list]).forEach((element, i) => {
      const q = objectOf(element);
      if (q === undefined || !("quantity" in q)) return;
      if (typeof q.quantity !== "number" || !Number.isFinite(q.quantity)) {
        report(`/${list}/${i}/quantity`, "BAD_QUANTITY", `quantity ${JSON.stringify(q.quantity)} is not a number`);
      }
    });
  }
}

// ---- extension fields and ILMD ------------------------------------------------------------------------------------

interface ExtensionScope {
  report: Report;
  namespaces: NamespaceMap;
}

function checkExtensions(e: Json, type: EpcisEventType, report: Report, namespaces: NamespaceMap): void {
  const scope: ExtensionScope = { report, namespaces };
  extraFields(scope, e, "", [...COMMON_FIELDS, ...TYPE_FIELDS[type]], type);
  extraFields(scope, objectOf(e.ilmd), "/ilmd", [], "ilmd");
  const errorFields = ["declarationTime", "reason", "correctiveEventIDs"];
  extraFields(scope, objectOf(e.errorDeclaration), "/errorDeclaration", errorFields, "errorDeclaration");
  extraFields(scope, objectOf(e.readPoint), "/readPoint", ["id"], "readPoint");
  extraFields(scope, objectOf(e.bizLocation), "/bizLocation", ["id"], "bizLocation");
  arrayOf(e.sensorElementList).forEach((item, i) => {
    const element = objectOf(item);
    const at = `/sensorElementList/${i}`;
    extraFields(scope, element, at, ["sensorMetadata", "sensorReport"], "sensorElement");
    extraFields(
      scope,
      objectOf(element?.sensorMetadata),
      `${at}/sensorMetadata`,
      SENSOR_METADATA_FIELDS,
      "sensorMetadata",
    );
    arrayOf(element?.sensorReport).forEach((sensorReport, j) =>
      extraFields(scope, objectOf(sensorReport), `${at}/sensorReport/${j}`, SENSOR_REPORT_FIELDS, "sensorReport"),
    );
  });
}

/**
 * Every key of `fields` that is not a standard field must be an extension: `prefix:name` with a declared prefix, or
 * a full URI. An un-prefixed key is an unknown field where standard fields live (`owner` is likely a typo of one)
 * and a missing namespace in ILMD, which has no standard fields. What is inside an extension's value is the user's
 * own (`"example:extension": {"moreExtensions": {...}}`): the EPCIS 2.0 JSON schema constrains only the keys at the
 * levels above, and the value is kept and served exactly as captured.
 */
function extraFields(
  scope: ExtensionScope,
  fields: Json | undefined,
  at: string,
  standard: readonly string[],
  label: string,
): void {
  if (fields === undefined) return;
  const unprefixed: CaptureErrorCode = label === "ilmd" ? "MISSING_NAMESPACE" : "UNKNOWN_FIELD";
  for (const key of Object.keys(fields)) {
    if (!standard.includes(key)) extensionKey(scope, key, `${at}/${pointerToken(key)}`, unprefixed, label);
  }
}

function extensionKey(
  scope: ExtensionScope,
  key: string,
  pointer: string,
  unprefixed: CaptureErrorCode,
  label: string,
): void {
  if (key.startsWith("@") || isFullIri(key)) return;
  const colon = key.indexOf(":");
  if (colon <= 0 || colon === key.length - 1) {
    const message =
      unprefixed === "UNKNOWN_FIELD"
        ? `"${key}" is not a field of ${label}; an extension field needs a namespace prefix declared in @context`
        : `${label} key "${key}" has no namespace prefix; it must be prefix:name with the prefix declared in @context`;
    scope.report(pointer, unprefixed, message);
    return;
  }
  const prefix = key.slice(0, colon);
  if (prefix in scope.namespaces) return;
  scope.report(
    pointer,
    "UNDECLARED_NAMESPACE",
    `the namespace prefix "${prefix}" of "${key}" is not declared in @context`,
  );
}
