import { describe, expect, it } from "vitest";
import { canonicalKey, lotKey } from "../../../src/codes/index.js";
import { eventHashId } from "../../../src/epcis/event-hash.js";
import { mapEventsToWritePlan } from "../../../src/epcis/map-events.js";
import { type WritePlan } from "../../../src/graph/flow-model.js";
import { validateEpcisDocument } from "../../../src/epcis/validate-document.js";

const ITEM_1 = "urn:epc:id:sgtin:0614141.107346.2017";
const ITEM_2 = "urn:epc:id:sgtin:0614141.107346.2018";
const ITEM_1_KEY = "https://id.gs1.org/01/10614141073464/21/2017";
const LOT_CLASS = "urn:epc:class:lgtin:4012345.012345.998877";
const LOT_CLASS_KEY = "https://id.gs1.org/01/04012345123456/10/998877";
const PRODUCT_CLASS = "urn:epc:idpat:sgtin:4012345.098765.*";
const PALLET = "urn:epc:id:sscc:0614141.1234567890";
const PALLET_KEY = "https://id.gs1.org/00/106141412345678908";
const SHOP = "urn:epc:id:sgln:0614141.00777.0";
const SHOP_KEY = "https://id.gs1.org/414/0614141007776";
const MAKER = "urn:epc:id:pgln:4012345.00000";
const MAKER_KEY = "https://id.gs1.org/417/4012345000009";
const DEALER = "urn:epc:id:pgln:0614141.00000";
const DEALER_KEY = "https://id.gs1.org/417/0614141000005";
const RECORD_TIME = "2024-06-01T00:00:00.000Z";

type Json = Record<string, unknown>;

function at(time: string): Json {
  return { eventTime: time, eventTimeZoneOffset: "+08:00" };
}

/** Validates a document of these events (it must be accepted) and maps it. */
function planOf(...events: Json[]): WritePlan {
  const doc = {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", { ex: "https://ns.example.com/" }],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2024-06-01T00:00:00Z",
    epcisBody: { eventList: events },
  };
  const result = validateEpcisDocument(doc);
  if (!result.ok) expect.fail(JSON.stringify(result.errors, null, 2));
  return mapEventsToWritePlan(result.events, { namespaces: result.namespaces, recordTime: RECORD_TIME });
}

function edgesOf(plan: WritePlan): Array<[string, string, string, boolean]> {
  return plan.edges.map((edge) => [edge.kind, edge.from, edge.to, edge.quantityLevel === true]);
}

describe("mapEventsToWritePlan", () => {
  describe("transformation", () => {
    it("links every input to every output, quantity-level when either end is a class", () => {
      const plan = planOf({
        type: "TransformationEvent",
        eventID: "urn:uuid:t1",
        ...at("2024-05-01T08:00:00+08:00"),
        inputEPCList: [ITEM_1],
        inputQuantityList: [{ epcClass: LOT_CLASS, quantity: 2, uom: "KGM" }],
        outputEPCList: [ITEM_2],
        outputQuantityList: [{ epcClass: PRODUCT_CLASS, quantity: 10 }],
        bizStep: "commissioning",
      });
      const product = canonicalKey(PRODUCT_CLASS);
      expect(edgesOf(plan)).toEqual([
        ["TRANSFORMED_INTO", ITEM_1_KEY, canonicalKey(ITEM_2), false],
        ["TRANSFORMED_INTO", ITEM_1_KEY, product, true],
        ["TRANSFORMED_INTO", LOT_CLASS_KEY, canonicalKey(ITEM_2), true],
        ["TRANSFORMED_INTO", LOT_CLASS_KEY, product, true],
      ]);
      expect(plan.edges[0]).toMatchObject({ eventId: "urn:uuid:t1", at: "2024-05-01T00:00:00.000Z" });
    });

    it("joins the inputs of one event with the outputs of another sharing its transformationID", () => {
      const transformationID = "urn:epc:id:gdti:4012345.55555.1234";
      const plan = planOf(
        {
          type: "TransformationEvent",
          eventID: "urn:uuid:in",
          ...at("2024-05-01T08:00:00+08:00"),
          transformationID,
          inputEPCList: [ITEM_1],
        },
        {
          type: "TransformationEvent",
          eventID: "urn:uuid:out",
          ...at("2024-05-01T09:00:00+08:00"),
          transformationID,
          outputQuantityList: [{ epcClass: LOT_CLASS, quantity: 5 }],
        },
      );
      expect(edgesOf(plan)).toEqual([["TRANSFORMED_INTO", ITEM_1_KEY, LOT_CLASS_KEY, true]]);
      expect(plan.edges[0]?.eventId).toBe("urn:uuid:out");
      const id = canonicalKey(transformationID);
      expect(plan.events.map((event) => event.transformationId)).toEqual([id, id]);
      // What a later capture needs to join with these events in the graph.
      expect(plan.events.map((event) => [event.inputKeys, event.outputKeys])).toEqual([
        [[ITEM_1_KEY], []],
        [[], [LOT_CLASS_KEY]],
      ]);
    });

    it("does not join transformations without a shared transformationID", () => {
      const plan = planOf(
        {
          type: "TransformationEvent",
          ...at("2024-05-01T08:00:00+08:00"),
          inputEPCList: [ITEM_1],
          outputEPCList: [ITEM_2],
        },
        {
          type: "TransformationEvent",
          ...at("2024-05-01T09:00:00+08:00"),
          inputEPCList: [PALLET],
          outputQuantityList: [{ epcClass: LOT_CLASS }],
        },
      );
      expect(edgesOf(plan).map(([, from, to]) => [from, to])).toEqual([
        [ITEM_1_KEY, canonicalKey(ITEM_2)],
        [PALLET_KEY, LOT_CLASS_KEY],
      ]);
    });
  });

  describe("lot membership", () => {
    it("puts items commissioned with ILMD cbvmda:lotNumber in the lot of their GTIN", () => {
      const plan = planOf({
        type: "ObjectEvent",
        ...at("2024-05-01T08:00:00+08:00"),
        action: "ADD",
        bizStep: "commissioning",
        epcList: [ITEM_1, ITEM_2],
        ilmd: { "cbvmda:lotNumber": "L-7" },
      });
      const lot = lotKey("10614141073464", "L-7");
      expect(edgesOf(plan)).toEqual([
        ["IN_LOT", lot, ITEM_1_KEY, false],
        ["IN_LOT", lot, canonicalKey(ITEM_2), false],
      ]);
      expect(plan.objects).toContainEqual({ key: lot, kind: "LOT" });
    });

    it("reads the lot number under its full URI and for transformation outputs", () => {
      const plan = planOf({
        type: "TransformationEvent",
        ...at("2024-05-01T08:00:00+08:00"),
        inputQuantityList: [{ epcClass: LOT_CLASS, quantity: 1 }],
        outputEPCList: [ITEM_1],
        ilmd: { "urn:epcglobal:cbv:mda:lotNumber": "B2" },
      });
      expect(edgesOf(plan)).toContainEqual(["IN_LOT", lotKey("10614141073464", "B2"), ITEM_1_KEY, false]);
    });

    it("makes no lot without a lot number or for an ADD without ILMD", () => {
      const plan = planOf({
        type: "ObjectEvent",
        ...at("2024-05-01T08:00:00+08:00"),
        action: "ADD",
        epcList: [ITEM_1],
        ilmd: { "ex:grade": "A" },
      });
      expect(plan.edges).toEqual([]);
    });
  });

  describe("containment", () => {
    it("links each child EPC and child class to the parent on ADD and OBSERVE", () => {
      for (const action of ["ADD", "OBSERVE"]) {
        const plan = planOf({
          type: "AggregationEvent",
          ...at("2024-05-01T08:00:00+08:00"),
          action,
          parentID: PALLET,
          childEPCs: [ITEM_1],
          childQuantityList: [{ epcClass: LOT_CLASS, quantity: 3 }],
        });
        expect(edgesOf(plan)).toEqual([
          ["CONTAINED_IN", ITEM_1_KEY, PALLET_KEY, false],
          ["CONTAINED_IN", LOT_CLASS_KEY, PALLET_KEY, true],
        ]);
        expect(plan.objects).toContainEqual({ key: PALLET_KEY, kind: "CONTAINER" });
      }
    });

    it("ends containment on DELETE, for the listed children or for all of them", () => {
      const plan = planOf(
        {
          type: "AggregationEvent",
          eventID: "urn:uuid:d1",
          ...at("2024-05-02T08:00:00+08:00"),
          action: "DELETE",
          parentID: PALLET,
          childEPCs: [ITEM_1],
        },
        {
          type: "AggregationEvent",
          eventID: "urn:uuid:d2",
          ...at("2024-05-03T08:00:00+08:00"),
          action: "DELETE",
          parentID: PALLET,
        },
      );
      expect(plan.edges).toEqual([]);
      expect(plan.containmentEnds).toEqual([
        { parent: PALLET_KEY, child: ITEM_1_KEY, eventId: "urn:uuid:d1", at: "2024-05-02T00:00:00.000Z" },
        { parent: PALLET_KEY, eventId: "urn:uuid:d2", at: "2024-05-03T00:00:00.000Z" },
      ]);
    });
  });

  describe("shipment", () => {
    const shipping = {
      type: "ObjectEvent",
      eventID: "urn:uuid:s1",
      ...at("2024-05-04T08:00:00+08:00"),
      action: "OBSERVE",
      bizStep: "shipping",
      epcList: [ITEM_1],
      quantityList: [{ epcClass: LOT_CLASS, quantity: 4 }],
      sourceList: [{ type: "owning_party", source: MAKER }],
      destinationList: [
        { type: "location", destination: SHOP },
        { type: "owning_party", destination: DEALER },
      ],
    };

    it("ships each object and class to the destination's owning party, from the source's", () => {
      const plan = planOf(shipping);
      const row = { toOrgId: DEALER_KEY, fromOrgId: MAKER_KEY, eventId: "urn:uuid:s1", at: "2024-05-04T00:00:00.000Z" };
      expect(plan.shipments).toEqual([
        { objectKey: ITEM_1_KEY, ...row },
        { objectKey: LOT_CLASS_KEY, ...row },
      ]);
      expect(plan.organizationIds).toEqual([MAKER_KEY, DEALER_KEY]);
      expect(plan.locationIds).toContain(SHOP_KEY);
    });

    it("ships an aggregation's parent to a possessing party when there is no owning party", () => {
      const plan = planOf({
        type: "AggregationEvent",
        ...at("2024-05-04T08:00:00+08:00"),
        action: "OBSERVE",
        bizStep: "https://ref.gs1.org/cbv/BizStep-shipping",
        parentID: PALLET,
        childEPCs: [ITEM_1],
        destinationList: [{ type: "possessing_party", destination: "https://example.com/carrier/9" }],
      });
      expect(plan.shipments.map((s) => [s.objectKey, s.toOrgId, s.fromOrgId])).toEqual([
        [PALLET_KEY, "https://example.com/carrier/9", undefined],
      ]);
    });

    it("records no shipment without a party destination or for another bizStep", () => {
      const toLocation = { ...shipping, destinationList: [{ type: "location", destination: SHOP }] };
      expect(planOf(toLocation).shipments).toEqual([]);
      expect(planOf({ ...shipping, bizStep: "receiving" }).shipments).toEqual([]);
    });
  });

  describe("market scan", () => {
    const sale = {
      type: "ObjectEvent",
      eventID: "urn:uuid:r1",
      ...at("2024-05-05T08:00:00+08:00"),
      action: "OBSERVE",
      bizStep: "retail_selling",
      epcList: [ITEM_1],
      quantityList: [{ epcClass: LOT_CLASS, quantity: 1 }],
      readPoint: { id: "urn:epc:id:sgln:0614141.00777.1" },
      bizLocation: { id: SHOP },
    };

    it("records one retail_selling scan per object at the business location", () => {
      const row = {
        eventId: "urn:uuid:r1",
        at: "2024-05-05T00:00:00.000Z",
        bizStep: "retail_selling",
        locationId: SHOP_KEY,
      };
      expect(planOf(sale).scans).toEqual([
        { objectKey: ITEM_1_KEY, ...row },
        { objectKey: LOT_CLASS_KEY, ...row },
      ]);
    });

    it("falls back to the read point and also treats inspecting as a scan", () => {
      const { bizLocation: _omitted, ...atReadPoint } = sale;
      const plan = planOf({ ...atReadPoint, bizStep: "inspecting", quantityList: [] });
      expect(plan.scans).toEqual([
        {
          eventId: "urn:uuid:r1",
          objectKey: ITEM_1_KEY,
          at: "2024-05-05T00:00:00.000Z",
          bizStep: "inspecting",
          locationId: canonicalKey("urn:epc:id:sgln:0614141.00777.1"),
        },
      ]);
    });

    it("records no scan for other actions or bizSteps", () => {
      expect(planOf({ ...sale, action: "ADD" }).scans).toEqual([]);
      expect(planOf({ ...sale, bizStep: "receiving" }).scans).toEqual([]);
    });
  });

  describe("events and objects", () => {
    it("keys one object named by URN and by Digital Link once", () => {
      const plan = planOf(
        { type: "ObjectEvent", ...at("2024-05-01T08:00:00+08:00"), action: "OBSERVE", epcList: [ITEM_1] },
        {
          type: "ObjectEvent",
          ...at("2024-05-01T09:00:00+08:00"),
          action: "OBSERVE",
          epcList: ["https://brand.example.com/01/10614141073464/21/2017"],
        },
      );
      expect(plan.objects).toEqual([{ key: ITEM_1_KEY, kind: "ITEM" }]);
      expect(plan.events.map((event) => event.objectKeys)).toEqual([[ITEM_1_KEY], [ITEM_1_KEY]]);
    });

    it("writes each event with short CBV names, UTC times, canonical places and its document as sent", () => {
      const event = {
        type: "ObjectEvent",
        eventID: "urn:uuid:e1",
        ...at("2024-05-01T08:00:00.5+08:00"),
        action: "OBSERVE",
        bizStep: "urn:epcglobal:cbv:bizstep:receiving",
        disposition: "https://ref.gs1.org/cbv/Disp-in_progress",
        epcList: [ITEM_1],
        readPoint: { id: SHOP },
      };
      expect(planOf(event).events).toEqual([
        {
          eventId: "urn:uuid:e1",
          type: "ObjectEvent",
          eventTime: "2024-05-01T00:00:00.500Z",
          recordTime: RECORD_TIME,
          action: "OBSERVE",
          bizStep: "receiving",
          disposition: "in_progress",
          readPoint: SHOP_KEY,
          objectKeys: [ITEM_1_KEY],
          epcKeys: [ITEM_1_KEY],
          classKeys: [],
          document: JSON.stringify(event),
          hashedId: false,
        },
      ]);
    });

    it("identifies an event without eventID by its event hash", () => {
      const plan = planOf({
        type: "ObjectEvent",
        ...at("2024-05-01T08:00:00+08:00"),
        action: "OBSERVE",
        epcList: [ITEM_1],
      });
      const [row] = plan.events;
      expect(row?.hashedId).toBe(true);
      expect(row?.eventId).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
      expect(row?.eventId).toBe(eventHashId(JSON.parse(row?.document ?? "{}")));
    });

    it("never makes locations or parties into objects, but lists them among the event's keys", () => {
      const plan = planOf({
        type: "AssociationEvent",
        ...at("2024-05-01T08:00:00+08:00"),
        action: "ADD",
        parentID: SHOP,
        childEPCs: ["urn:epc:id:giai:4000001.12345"],
      });
      const sensor = canonicalKey("urn:epc:id:giai:4000001.12345");
      expect(plan.objects).toEqual([{ key: sensor, kind: "ITEM" }]);
      expect(plan.events[0]).toMatchObject({ objectKeys: [SHOP_KEY, sensor], parentKey: SHOP_KEY, epcKeys: [sensor] });
      expect(plan.edges).toEqual([]);
    });

    it("maps an error declaration with its reason and corrective events", () => {
      const plan = planOf({
        type: "ObjectEvent",
        eventID: "urn:uuid:wrong",
        ...at("2024-05-01T08:00:00+08:00"),
        action: "OBSERVE",
        epcList: [ITEM_1],
        errorDeclaration: {
          declarationTime: "2024-05-02T10:00:00+02:00",
          reason: "urn:epcglobal:cbv:er:incorrect_data",
          correctiveEventIDs: ["urn:uuid:right"],
        },
      });
      expect(plan.errorDeclarations).toEqual([
        {
          eventId: "urn:uuid:wrong",
          declarationTime: "2024-05-02T08:00:00.000Z",
          reason: "incorrect_data",
          correctiveEventIds: ["urn:uuid:right"],
        },
      ]);
    });
  });
});
