import { describe, expect, it } from "vitest";
import { generateTraceCode } from "../../../src/codes/index.js";
import { randomUscc } from "../../support/random-identifiers.js";
import type { NativeEventFacts, StoredEvent } from "../../../src/graph/event.repository.js";
import { nativeEpcisEvent, NATIVE_NAMESPACES } from "../../../src/epcis/native-epcis-event.js";
import {
  EPCIS_TYPE_OF_NATIVE,
  epcisEventId,
  nativeEventId,
  storedTypesOf,
} from "../../../src/epcis/native-event-id.js";
import { queryDocument } from "../../../src/epcis/query-document.js";
import { epcisSchemaErrors } from "../../../src/epcis/schema-validator.js";
import { validateEpcisDocument } from "../../../src/epcis/validate-document.js";

const BASE = "https://trace.example.cn";
const ITEM = generateTraceCode("ITEM", "BRJD");
const MOTHER = generateTraceCode("MOTHER", "BRJD");
const LOT = "https://id.gs1.org/01/06901234567892/10/L20240301";
const MAKER = randomUscc("441900");
const RETAILER = randomUscc("440305");

function stored(eventId: string, facts: Partial<NativeEventFacts> & { type: string }, doc: object): StoredEvent {
  return {
    eventId,
    eventTime: "2024-03-01T08:00:00.000Z",
    event: { ...doc },
    namespaces: {},
    native: {
      recordTime: "2024-03-01T08:00:01.000Z",
      action: null,
      bizStep: null,
      objectKeys: null,
      epcKeys: null,
      classKeys: null,
      parentKey: null,
      ...facts,
    },
  };
}

/** Native events as versions before issue 16 wrote them: no query keys, the documents of that time. */
const OLD_EVENTS: StoredEvent[] = [
  stored(
    "native:batch:p1:L20240301",
    { type: "NativeBatchRecord", bizStep: "commissioning", objectKeys: [LOT, "urn:x:cu"] },
    { batchId: "p1:L20240301", batchKey: LOT, components: ["https://id.gs1.org/01/06901234567892/10/CU1"] },
  ),
  stored(
    "native:issue:iss-1",
    { type: "NativeCodeIssuance", action: "ADD", bizStep: "commissioning", objectKeys: [LOT] },
    { batchId: "p1:L20240301", codeType: "ITEM", count: 500, issueId: "iss-1" },
  ),
  stored(
    "native:link:5c1e",
    { type: "NativeCodeLink", action: "ADD", bizStep: "packing", objectKeys: [MOTHER, ITEM] },
    { parent: MOTHER, children: [ITEM] },
  ),
  stored(
    "native:shipment:客户 单号/1",
    { type: "NativeShipment", action: "OBSERVE", bizStep: "shipping", objectKeys: [ITEM, LOT] },
    { id: "客户 单号/1", codes: [ITEM, LOT], fromOrganizationId: MAKER, toOrganizationId: RETAILER },
  ),
  stored(
    "native:scan:s-1",
    { type: "NativeScan", action: "OBSERVE", bizStep: "retail_selling", objectKeys: [ITEM] },
    { code: ITEM, regionCode: "440305", role: "CONSUMER" },
  ),
];

describe("native events as EPCIS 2.0 events", () => {
  it("serves events written before they carried query keys as events GS1's schema and our capture accept", () => {
    const events = OLD_EVENTS.map((e) => nativeEpcisEvent({ ...e, native: e.native! }, BASE));
    const doc = queryDocument(
      events.map((event) => ({ ...OLD_EVENTS[0]!, event, namespaces: { ...NATIVE_NAMESPACES } })),
    );
    expect(epcisSchemaErrors(doc)).toEqual([]);
    const capture = validateEpcisDocument({
      "@context": doc["@context"],
      type: "EPCISDocument",
      schemaVersion: "2.0",
      creationDate: "2024-03-02T00:00:00Z",
      epcisBody: { eventList: events },
    });
    expect(capture.ok ? [] : capture.errors).toEqual([]);
    expect(events.map((e) => e.type)).toEqual([
      "TransformationEvent",
      "ObjectEvent",
      "AggregationEvent",
      "ObjectEvent",
      "ObjectEvent",
    ]);
  });

  it("spells our codes as their URL and GS1 keys as themselves, instances apart from classes", () => {
    const shipment = nativeEpcisEvent({ ...OLD_EVENTS[3]!, native: OLD_EVENTS[3]!.native! }, BASE);
    expect(shipment).toMatchObject({
      epcList: [`${BASE}/t/${ITEM}`],
      quantityList: [{ epcClass: LOT }],
      eventTimeZoneOffset: "+08:00",
    });
  });

  it("gives every native event a stable URI eventID that leads back to it", () => {
    for (const id of ["native:shipment:客户 单号/1", "native:batch:p1:L2024", "native:void:BRJD-W5RT-P0KW-YQTF"]) {
      const eventID = epcisEventId(id);
      expect(eventID).toMatch(/^urn:tracegraph:native:[A-Za-z0-9%:._~!'()*-]+$/);
      expect(epcisEventId(id)).toBe(eventID);
      expect(nativeEventId(eventID)).toBe(id);
    }
    expect(epcisEventId("urn:uuid:6b1f0c7e")).toBe("urn:uuid:6b1f0c7e");
    expect(nativeEventId("urn:uuid:6b1f0c7e")).toBeUndefined();
    expect(nativeEventId("urn:tracegraph:native:%E0%A4")).toBeUndefined();
  });

  it("matches an eventType filter on the native types served as that type", () => {
    expect(storedTypesOf(["AggregationEvent"])).toEqual(["AggregationEvent", "NativeCodeLink"]);
    for (const type of storedTypesOf(["ObjectEvent"]).slice(1)) expect(EPCIS_TYPE_OF_NATIVE[type]).toBe("ObjectEvent");
  });
});
