import { describe, expect, it } from "vitest";
import { type CaptureProblem, validateEpcisDocument } from "../../../src/epcis/validate-document.js";
import { loadExample } from "./conformance.js";

type Json = Record<string, unknown>;

/** Example 9.6.1 has two ObjectEvents; variants change the second one so the index must be 1, not 0. */
const BASE = "Example_9.6.1-ObjectEvent.jsonld";
/** Example 9.6.4 is one commissioning TransformationEvent with ILMD. */
const WITH_ILMD = "Example_9.6.4-TransformationEvent.jsonld";

function eventsOf(doc: Json): Json[] {
  return (doc.epcisBody as { eventList: Json[] }).eventList;
}

function variant(name: string, change: (event: Json, doc: Json) => void, index = 1): Json {
  const doc = loadExample(name);
  const event = eventsOf(doc)[index];
  if (event === undefined) throw new Error(`${name} has no event ${index}`);
  change(event, doc);
  return doc;
}

function errorsOf(doc: unknown): CaptureProblem[] {
  const result = validateEpcisDocument(doc);
  if (result.ok) expect.fail("the document was accepted");
  return result.errors;
}

function expectOnly(doc: unknown, index: number | null, code: string): CaptureProblem {
  const errors = errorsOf(doc);
  expect(errors.map((error) => [error.index, error.code])).toEqual([[index, code]]);
  return errors[0] as CaptureProblem;
}

describe("validateEpcisDocument", () => {
  it("returns the events exactly as sent, with the document's namespaces", () => {
    const doc = loadExample(BASE);
    const result = validateEpcisDocument(doc);
    expect(result.ok && result.events).toEqual(eventsOf(doc));
    expect(result.ok && result.namespaces.example).toBe("http://ns.example.com/epcis/");
  });

  it("rejects an event without action as MISSING_FIELD at its index, naming its eventID", () => {
    const error = expectOnly(
      variant(BASE, (event) => delete event.action),
      1,
      "MISSING_FIELD",
    );
    expect(error.message).toContain("action");
    expect(error.eventID).toBe(eventsOf(loadExample(BASE))[1]?.eventID);
  });

  it("rejects an impossible eventTime (30 February) as BAD_TIME", () => {
    const doc = variant(BASE, (event) => (event.eventTime = "2005-02-30T10:00:00.000-06:00"));
    expect(expectOnly(doc, 1, "BAD_TIME").message).toContain("2005-02-30");
  });

  it("rejects an eventTime without time zone and a malformed eventTimeZoneOffset as BAD_TIME", () => {
    expectOnly(
      variant(BASE, (event) => (event.eventTime = "2005-04-03T20:33:31")),
      1,
      "BAD_TIME",
    );
    expectOnly(
      variant(BASE, (event) => (event.eventTimeZoneOffset = "+15:00")),
      1,
      "BAD_TIME",
    );
  });

  it("rejects an ILMD key without a namespace prefix as MISSING_NAMESPACE", () => {
    const doc = variant(WITH_ILMD, (event) => (event.ilmd = { lotNumber: "L1" }), 0);
    expect(expectOnly(doc, 0, "MISSING_NAMESPACE").message).toContain("lotNumber");
  });

  it("rejects an extension prefix that @context does not declare as UNDECLARED_NAMESPACE", () => {
    const doc = variant(WITH_ILMD, (event) => (event.ilmd = { "acme:batch": "L1" }), 0);
    expect(expectOnly(doc, 0, "UNDECLARED_NAMESPACE").message).toContain('"acme"');
  });

  it("accepts any keys nested inside an extension value, keeping them as sent", () => {
    const extension = { moreExtensions: { colour: "red", sizes: [1, { "undeclared:x": true }] } };
    const doc = variant(BASE, (event) => (event["example:extension"] = extension));
    const result = validateEpcisDocument(doc);
    expect(result.ok && result.events[1]?.["example:extension" as never]).toEqual(extension);
  });

  it("still rejects an un-prefixed or undeclared extension key at the top level of an event", () => {
    expectOnly(
      variant(BASE, (event) => (event.colour = "red")),
      1,
      "UNKNOWN_FIELD",
    );
    expectOnly(
      variant(BASE, (event) => (event["acme:colour"] = { nested: "red" })),
      1,
      "UNDECLARED_NAMESPACE",
    );
  });

  it("rejects a quantity given as text as BAD_QUANTITY", () => {
    const doc = variant(BASE, (event) => {
      event.quantityList = [{ epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: "200", uom: "KGM" }];
    });
    expect(expectOnly(doc, 1, "BAD_QUANTITY").message).toContain('"200"');
  });

  it("rejects an unknown field in a quantity element as UNKNOWN_FIELD", () => {
    const doc = variant(BASE, (event) => {
      event.quantityList = [{ epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 200, colour: "red" }];
    });
    expect(expectOnly(doc, 1, "UNKNOWN_FIELD").message).toContain("colour");
  });

  it("rejects a mistyped standard field as UNKNOWN_FIELD", () => {
    const doc = variant(BASE, (event) => (event.bizstep = "shipping"));
    expect(expectOnly(doc, 1, "UNKNOWN_FIELD").message).toContain("bizstep");
  });

  it("rejects an unknown bizStep short name as UNKNOWN_VOCABULARY", () => {
    const doc = variant(BASE, (event) => (event.bizStep = "shiping"));
    expect(expectOnly(doc, 1, "UNKNOWN_VOCABULARY").message).toContain("shiping");
  });

  it("rejects an unknown term under a CBV namespace and an unknown source type", () => {
    expectOnly(
      variant(BASE, (event) => (event.disposition = "https://ref.gs1.org/cbv/Disp-lost")),
      1,
      "UNKNOWN_VOCABULARY",
    );
    const doc = variant(
      "Example_9.6.2-ObjectEvent.jsonld",
      (event) => {
        (event.sourceList as Json[])[0] = { type: "owner", source: "urn:epc:id:pgln:4012345.00225" };
      },
      0,
    );
    expectOnly(doc, 0, "UNKNOWN_VOCABULARY");
  });

  it("accepts CBV Web URIs, legacy URNs and user-vocabulary URIs", () => {
    const doc = variant(BASE, (event) => {
      event.bizStep = "urn:epcglobal:cbv:bizstep:receiving";
      event.disposition = "https://ref.gs1.org/cbv/Disp-in_progress";
    });
    (eventsOf(doc)[0] as Json).bizStep = "https://example.com/vocab/bizstep/weighing";
    expect(validateEpcisDocument(doc).ok).toBe(true);
  });

  it("rejects a document without @context as MISSING_CONTEXT (document level)", () => {
    const doc = loadExample("Example_9.6.2-ObjectEvent.jsonld");
    delete doc["@context"];
    const errors = errorsOf(doc);
    expect(errors[0]).toMatchObject({ index: null, eventID: null, code: "MISSING_CONTEXT" });
  });

  it("rejects a GTIN with a wrong check digit as BAD_IDENTIFIER naming the value", () => {
    const bad = "https://id.gs1.org/01/10614141073465/21/2018";
    const doc = variant(BASE, (event) => (event.epcList = [bad]));
    const error = expectOnly(doc, 1, "BAD_IDENTIFIER");
    expect(error.message).toContain(bad);
    expect(error.message).toContain("check digit");
  });

  it("rejects a malformed EPC URN and a product class in an EPC list as BAD_IDENTIFIER", () => {
    expectOnly(
      variant(BASE, (event) => (event.epcList = ["urn:epc:id:sgtin:0614141.2017"])),
      1,
      "BAD_IDENTIFIER",
    );
    expectOnly(
      variant(BASE, (event) => (event.epcList = ["urn:epc:idpat:sgtin:0614141.107346.*"])),
      1,
      "BAD_IDENTIFIER",
    );
  });

  it("accepts the class-level EPC pattern URI of every scheme as a quantity's class", () => {
    const classes = [
      "urn:epc:idpat:sgtin:0614141.107346.*",
      "urn:epc:idpat:upui:0614141.107346.*",
      "urn:epc:idpat:grai:0614141.12345.*",
      "urn:epc:idpat:gdti:0614141.12345.*",
      "urn:epc:idpat:sgcn:0614141.12345.*",
      "urn:epc:idpat:cpi:0614141.123ABC.*",
      "urn:epc:idpat:itip:0614141.107346.01.02.*",
    ];
    const doc = variant(BASE, (event) => {
      event.quantityList = classes.map((epcClass) => ({ epcClass, quantity: 1 }));
    });
    const result = validateEpcisDocument(doc);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("accepts opaque URIs of a sender's own for objects, locations and parties", () => {
    const doc = variant(BASE, (event) => {
      event.epcList = ["https://example.com/things/42"];
      event.readPoint = { id: "geo:47.506694,11.104301" };
      event.sourceList = [{ type: "owning_party", source: "https://example.com/party/7" }];
    });
    expect(validateEpcisDocument(doc).ok).toBe(true);
  });

  it("rejects an event type other than the five EPCIS event types", () => {
    const doc = variant(BASE, (event) => (event.type = "https://example.com/MeasurementEvent"));
    expectOnly(doc, 1, "UNSUPPORTED_EVENT_TYPE");
  });

  it("explains a failed alternative once: an aggregation ADD needs children", () => {
    const doc = variant(
      "Example_9.6.3-AggregationEvent.jsonld",
      (event) => {
        event.action = "ADD";
        delete event.childEPCs;
        delete event.childQuantityList;
      },
      0,
    );
    const error = expectOnly(doc, 0, "SCHEMA");
    expect(error.message).toMatch(/childEPCs.*childQuantityList.*DELETE/);
  });

  it("reports every bad event of a document, each with its own index", () => {
    const doc = variant(BASE, (event) => delete event.action, 1);
    (eventsOf(doc)[0] as Json).bizStep = "unknown_step";
    expect(errorsOf(doc).map((error) => [error.index, error.code])).toEqual([
      [0, "UNKNOWN_VOCABULARY"],
      [1, "MISSING_FIELD"],
    ]);
  });

  it("takes only EPCISDocument: query documents, bare events and non-objects are rejected", () => {
    const query = loadExample(BASE);
    query.type = "EPCISQueryDocument";
    expectOnly(query, null, "NOT_EPCIS_DOCUMENT");
    expectOnly(eventsOf(loadExample(BASE))[0], null, "NOT_EPCIS_DOCUMENT");
    expectOnly([], null, "NOT_A_DOCUMENT");
    expectOnly("{}", null, "NOT_A_DOCUMENT");
  });

  it("accepts an empty event list", () => {
    const doc = loadExample(BASE);
    (doc.epcisBody as Json).eventList = [];
    expect(validateEpcisDocument(doc)).toMatchObject({ ok: true, events: [] });
  });

  it("does not change the document it validates", () => {
    const doc = variant(BASE, (event) => (event.bizStep = "urn:epcglobal:cbv:bizstep:receiving"));
    const before = JSON.stringify(doc);
    validateEpcisDocument(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});
