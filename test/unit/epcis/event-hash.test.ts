import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventHashId, eventPreHash } from "../../../src/epcis/event-hash.js";
import { type EpcisEvent, type ObjectEvent } from "../../../src/epcis/epcis-event.type.js";
import { STANDARD_NAMESPACES, namespacesOf } from "../../../src/epcis/namespaces.js";

/**
 * `tests/examples/epcisDocWithSingleEvent.jsonld` of the reference implementation
 * (github.com/RalphTro/epcis-event-hash-generator) with its published pre-hash and hash.
 */
const reference: ObjectEvent = {
  type: "ObjectEvent",
  action: "OBSERVE",
  bizStep: "shipping",
  disposition: "in_transit",
  epcList: ["urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.2018"],
  eventTime: "2022-02-16T20:33:31.116000-06:00",
  eventTimeZoneOffset: "-06:00",
  readPoint: { id: "urn:epc:id:sgln:0614141.07346.1234" },
  bizTransactionList: [{ type: "po", bizTransaction: "http://transaction.acme.com/po/12345678" }],
};
const REFERENCE_PRE_HASH =
  "eventType=ObjectEventeventTime=2022-02-17T02:33:31.116ZeventTimeZoneOffset=-06:00" +
  "epcListepc=https://id.gs1.org/01/10614141073464/21/2017epc=https://id.gs1.org/01/10614141073464/21/2018" +
  "action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shippingdisposition=https://ref.gs1.org/cbv/Disp-in_transit" +
  "readPointid=https://id.gs1.org/414/0614141073467/254/1234" +
  "bizTransactionListbizTransaction=http://transaction.acme.com/po/12345678type=https://ref.gs1.org/cbv/BTT-po";
const REFERENCE_HASH = "ni:///sha-256;3e0f2437f4cb5e8a1b832b769c0eed1bf3e1421f14061132e9800ded03f10182?ver=CBV2.0";

const namespaces = namespacesOf([{ example: "http://ns.example.com/epcis/" }]);

const event: ObjectEvent = {
  type: "ObjectEvent",
  eventTime: "2024-05-01T08:30:00+08:00",
  eventTimeZoneOffset: "+08:00",
  epcList: ["urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sscc:0614141.1234567890"],
  quantityList: [{ epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 200, uom: "KGM" }],
  action: "ADD",
  bizStep: "commissioning",
  readPoint: { id: "urn:epc:id:sgln:0614141.00777.0" },
  ilmd: { "cbvmda:lotNumber": "998877", "example:bestBefore": "2025-01-01" },
  "example:myField": { "example:a": "1", "example:b": ["x", "y"] },
};

/** The same event as a different sender might write it. */
const respelled = {
  "example:myField": { "example:b": ["y", "x"], "http://ns.example.com/epcis/a": "1.0" },
  ilmd: { "urn:epcglobal:cbv:mda:lotNumber": " 998877 ", "example:bestBefore": "2025-01-01" },
  readPoint: { id: "https://example.com/414/0614141007776" },
  bizStep: "urn:epcglobal:cbv:bizstep:commissioning",
  action: "ADD",
  quantityList: [{ uom: "KGM", quantity: 200.0, epcClass: "https://id.gs1.org/01/04012345123456/10/998877" }],
  epcList: ["https://id.gs1.org/00/106141412345678908", "https://brand.example/01/10614141073464/21/2017"],
  eventTimeZoneOffset: "+08:00",
  eventTime: "2024-05-01T00:30:00.000Z",
  type: "ObjectEvent",
  eventID: "urn:uuid:3d9b1c1e-0000-4000-8000-000000000001",
  recordTime: "2024-05-02T00:00:00Z",
} as EpcisEvent;

function shuffledKeys(value: Record<string, unknown>, order: readonly number[]): Record<string, unknown> {
  const entries = Object.entries(value);
  const picked = order.map((i) => entries[i % entries.length]).filter((entry) => entry !== undefined);
  return Object.fromEntries([...picked, ...entries]);
}

describe("EPCIS event hash ID", () => {
  it("reproduces the reference implementation's pre-hash and hash", () => {
    expect(eventPreHash(reference)).toBe(REFERENCE_PRE_HASH);
    expect(eventHashId(reference)).toBe(REFERENCE_HASH);
  });

  it("has the ni URI form of CBV 2.0", () => {
    expect(eventHashId(event, namespaces)).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it("hashes the same event the same in any key order, spelling, time zone and list order", () => {
    expect(eventPreHash(respelled, namespaces)).toBe(eventPreHash(event, namespaces));
    expect(eventHashId(respelled, namespaces)).toBe(eventHashId(event, namespaces));
  });

  it("hashes the same whatever order the keys come in (property)", () => {
    const expected = eventHashId(event, namespaces);
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 12 }), (order) => {
        const shuffled = shuffledKeys(event as unknown as Record<string, unknown>, order) as unknown as EpcisEvent;
        expect(eventHashId(shuffled, namespaces)).toBe(expected);
      }),
    );
  });

  it("expands an extension prefix to its namespace, so another prefix for it hashes the same", () => {
    const other = namespacesOf([{ ex: "http://ns.example.com/epcis/" }]);
    const renamed = { ...reference, "ex:note": "n" } as EpcisEvent;
    expect(eventHashId(renamed, other)).toBe(
      eventHashId({ ...reference, "example:note": "n" } as EpcisEvent, namespaces),
    );
  });

  it("changes when any field, extension or ILMD value changes, or a field is added", () => {
    const base = eventHashId(event, namespaces);
    const changes: Array<Partial<ObjectEvent> & Record<string, unknown>> = [
      { eventTime: "2024-05-01T08:30:00.001+08:00" },
      { eventTimeZoneOffset: "+09:00" },
      { action: "OBSERVE" },
      { bizStep: "packing" },
      { disposition: "active" },
      { epcList: ["urn:epc:id:sgtin:0614141.107346.2018", "urn:epc:id:sscc:0614141.1234567890"] },
      { quantityList: [{ epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 201, uom: "KGM" }] },
      { readPoint: { id: "urn:epc:id:sgln:0614141.00777.1" } },
      { ilmd: { "cbvmda:lotNumber": "998878", "example:bestBefore": "2025-01-01" } },
      { "example:myField": { "example:a": "2", "example:b": ["x", "y"] } },
      { "example:other": "z" },
    ];
    const hashes = changes.map((change) => eventHashId({ ...event, ...change } as EpcisEvent, namespaces));
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(new Set(hashes).size).toBe(changes.length);
  });

  it("ignores eventID, recordTime and errorDeclaration, which are not what happened", () => {
    const annotated = {
      ...event,
      eventID: "urn:uuid:1",
      recordTime: "2030-01-01T00:00:00Z",
      errorDeclaration: { declarationTime: "2030-01-01T00:00:00Z", reason: "did_not_occur" },
    };
    expect(eventHashId(annotated, namespaces)).toBe(eventHashId(event, namespaces));
  });

  it("hashes a user extension without declared namespaces by its key as written", () => {
    const withExtension = { ...reference, "example:note": "n" } as EpcisEvent;
    expect(eventPreHash(withExtension, STANDARD_NAMESPACES)).toContain("example:note=n");
    expect(eventPreHash(withExtension, namespaces)).toContain("{http://ns.example.com/epcis/}note=n");
  });
});
