import { epcOfKey } from "../codes/index.js";
import type { NativeEventFacts, StoredEvent } from "../graph/event.repository.js";
import { EPCIS_TYPE_OF_NATIVE, epcisEventId } from "./native-event-id.js";
import { isClassKey } from "./native-match-keys.js";

type Json = Record<string, unknown>;

/**
 * The namespace of the extension fields and ILMD keys our native events carry (`tg:shipmentId`, `tg:regionCode`, …).
 * A URN: it names our vocabulary wherever the service runs, and no partner has to dereference it.
 */
export const NATIVE_NAMESPACES: Readonly<Record<string, string>> = { tg: "urn:tracegraph:epcis:" };

/** Native times are China's: the offset of the place the event happened, as EPCIS asks for. */
const CHINA_OFFSET = "+08:00";

/** A region of GB/T 2260 as a location URI (a native scan names a region, not a registered location). */
export function regionLocationId(regionCode: string): string {
  return `urn:tracegraph:region:${regionCode}`;
}

/** What a converter needs: the native document, the event's stored facts, and how to spell a key as an EPC. */
interface Native {
  doc: Json;
  facts: NativeEventFacts;
  epc: (key: string) => string;
}

/**
 * A native event of the producer's flow as the EPCIS 2.0 event it is (API-CONTRACT §2, read backwards): batch creation
 * and code issuance are commissioning ObjectEvents with ILMD (a batch with components is a TransformationEvent from
 * them), links are AggregationEvents, shipments are shipping ObjectEvents with source and destination, scans are
 * observations with bizStep and a location, releases, recalls and voids are dispositions. Our trace codes appear as
 * their canonical URL, `baseUrl/t/{code}`.
 */
export function nativeEpcisEvent(stored: StoredEvent & { native: NativeEventFacts }, baseUrl: string): Json {
  const native: Native = { doc: stored.event, facts: stored.native, epc: (key) => epcOfKey(baseUrl, key) };
  const head: Json = {
    type: EPCIS_TYPE_OF_NATIVE[stored.native.type] ?? "ObjectEvent",
    eventTime: new Date(stored.eventTime).toISOString(),
    ...(stored.native.recordTime ? { recordTime: new Date(stored.native.recordTime).toISOString() } : {}),
    eventTimeZoneOffset: CHINA_OFFSET,
    eventID: epcisEventId(stored.eventId),
  };
  return { ...head, ...body(native) };
}

function body(native: Native): Json {
  switch (native.facts.type) {
    case "NativeBatchCreation":
      return { ...objects(native, "ADD", [batchKeyOf(native)]), bizStep: "commissioning", ...batchIlmd(native.doc) };
    case "NativeBatchRecord":
      return transformation(native);
    case "NativeCodeIssuance":
      return issuance(native);
    case "NativeCodeLink":
      return aggregation(native);
    case "NativeShipment":
      return shipment(native);
    case "NativeScan":
      return scan(native);
    case "NativeRelease":
      return { ...objects(native, "OBSERVE", [batchKeyOf(native)]), disposition: "active", ...batchIdOf(native) };
    case "NativeRecall":
      return {
        ...objects(native, "OBSERVE", [batchKeyOf(native)]),
        disposition: "recalled",
        ...batchIdOf(native),
        ...text("tg:recallReason", native.doc.reason),
      };
    case "NativeCodeVoid":
      return {
        ...objects(native, "DELETE", keysOf(native)),
        bizStep: "decommissioning",
        disposition: "inactive",
        ...text("tg:voidReason", native.doc.reason),
      };
    default:
      return { ...objects(native, "OBSERVE", keysOf(native)), "tg:nativeType": native.facts.type };
  }
}

/** An ObjectEvent's objects: instances in epcList, classes (lots, products) in quantityList. */
function objects(native: Native, action: string, keys: readonly string[]): Json {
  const classes = keys.filter(isClassKey);
  return {
    action,
    epcList: keys.filter((key) => !isClassKey(key)).map(native.epc),
    ...(classes.length > 0 && { quantityList: classes.map((key) => ({ epcClass: native.epc(key) })) }),
  };
}

/** Every object the event names but a container it packs into. */
function keysOf(native: Native): string[] {
  const { facts } = native;
  if (facts.epcKeys && facts.classKeys) return [...facts.epcKeys, ...facts.classKeys];
  return (facts.objectKeys ?? []).filter((key) => key !== facts.parentKey);
}

function batchKeyOf(native: Native): string {
  const key = native.doc.batchKey ?? native.facts.classKeys?.[0] ?? native.facts.objectKeys?.[0];
  return String(key);
}

function batchIdOf(native: Native): Json {
  return text("tg:batchId", native.doc.batchId);
}

function text(key: string, value: unknown): Json {
  return typeof value === "string" || typeof value === "number" ? { [key]: value } : {};
}

/** ILMD of a batch: its lot number (CBV master data) and our batch's own fields, those the record has. */
function batchIlmd(doc: Json): Json {
  const ilmd: Json = {
    ...text("cbvmda:lotNumber", doc.batchNo),
    ...text("tg:batchId", doc.batchId),
    ...text("tg:productId", doc.productId),
    ...text("tg:productionDate", doc.productionDate),
    ...text("tg:quantity", doc.quantity),
    ...text("tg:unit", doc.unit),
  };
  return Object.keys(ilmd).length > 0 ? { ilmd } : {};
}

/** A batch made from component lots and items: the components in, the batch out. */
function transformation(native: Native): Json {
  const components = Array.isArray(native.doc.components) ? native.doc.components.map(String) : [];
  const inputs = components.filter((key) => !isClassKey(key)).map(native.epc);
  const inputClasses = components.filter(isClassKey).map((key) => ({ epcClass: native.epc(key) }));
  return {
    ...(inputs.length > 0 && { inputEPCList: inputs }),
    ...(inputClasses.length > 0 && { inputQuantityList: inputClasses }),
    outputQuantityList: [{ epcClass: native.epc(batchKeyOf(native)) }],
    bizStep: "commissioning",
    ...batchIlmd(native.doc),
  };
}

function issuance(native: Native): Json {
  const count = typeof native.doc.count === "number" ? { quantity: native.doc.count } : {};
  return {
    action: "ADD",
    epcList: [],
    quantityList: [{ epcClass: native.epc(batchKeyOf(native)), ...count }],
    bizStep: "commissioning",
    ilmd: {
      ...text("cbvmda:lotNumber", native.doc.batchNo),
      ...text("tg:batchId", native.doc.batchId),
      ...text("tg:codeType", native.doc.codeType),
      ...text("tg:issueId", native.doc.issueId),
    },
  };
}

function aggregation(native: Native): Json {
  const parent = native.facts.parentKey ?? String(native.doc.parent);
  const children = Array.isArray(native.doc.children) ? native.doc.children.map(String) : keysOf(native);
  const classes = children.filter(isClassKey).map((key) => ({ epcClass: native.epc(key) }));
  return {
    parentID: native.epc(parent),
    childEPCs: children.filter((key) => !isClassKey(key)).map(native.epc),
    ...(classes.length > 0 && { childQuantityList: classes }),
    action: "ADD",
    bizStep: "packing",
  };
}

function shipment(native: Native): Json {
  const { doc } = native;
  return {
    ...objects(native, "OBSERVE", Array.isArray(doc.codes) ? doc.codes.map(String) : keysOf(native)),
    bizStep: "shipping",
    disposition: "in_transit",
    sourceList: [{ type: "owning_party", source: String(doc.fromOrganizationId) }],
    destinationList: [{ type: "owning_party", destination: String(doc.toOrganizationId) }],
    ...text("tg:shipmentId", doc.id),
  };
}

function scan(native: Native): Json {
  const { doc } = native;
  const region = typeof doc.regionCode === "string" ? doc.regionCode : undefined;
  const location = region === undefined ? {} : { id: regionLocationId(region) };
  return {
    ...objects(native, "OBSERVE", typeof doc.code === "string" ? [doc.code] : keysOf(native)),
    ...(native.facts.bizStep ? { bizStep: native.facts.bizStep } : {}),
    ...(region !== undefined && { readPoint: location, bizLocation: location }),
    ...text("tg:regionCode", region),
    ...text("tg:scanRole", doc.role),
  };
}
