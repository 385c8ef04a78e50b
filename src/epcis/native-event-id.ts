import { type EpcisEventType } from "./epcis-event.type.js";

/**
 * Native events (the producer's flow) are stored under ids such as `native:shipment:{id}`; as EPCIS events they carry
 * `urn:tracegraph:native:shipment:{id}`: a URI, the same for ever (derived from the native record's id alone), and
 * reversible, so `EQ_eventID` finds the event by the id a partner read.
 */
const NATIVE = "native:";
const URN = "urn:tracegraph:native:";

/** The eventID a native event has as an EPCIS event; any other id is returned as it is. */
export function epcisEventId(eventId: string): string {
  if (!eventId.startsWith(NATIVE)) return eventId;
  return URN + encodeURIComponent(eventId.slice(NATIVE.length)).replace(/%3A/g, ":");
}

/** The stored id of a native event named by its EPCIS eventID; undefined for any other id. */
export function nativeEventId(eventID: string): string | undefined {
  if (!eventID.startsWith(URN)) return undefined;
  try {
    return NATIVE + decodeURIComponent(eventID.slice(URN.length));
  } catch {
    return undefined;
  }
}

/** Each native event type and the EPCIS event type it is served as. */
export const EPCIS_TYPE_OF_NATIVE: Readonly<Record<string, EpcisEventType>> = {
  NativeBatchCreation: "ObjectEvent",
  NativeBatchRecord: "TransformationEvent",
  NativeCodeIssuance: "ObjectEvent",
  NativeCodeLink: "AggregationEvent",
  NativeShipment: "ObjectEvent",
  NativeScan: "ObjectEvent",
  NativeRelease: "ObjectEvent",
  NativeRecall: "ObjectEvent",
  NativeCodeVoid: "ObjectEvent",
};

/** The stored types an `eventType` filter matches: the EPCIS types themselves and the native types served as them. */
export function storedTypesOf(types: readonly string[]): string[] {
  const natives = Object.entries(EPCIS_TYPE_OF_NATIVE)
    .filter(([, epcis]) => types.includes(epcis))
    .map(([native]) => native);
  return [...types, ...natives];
}
