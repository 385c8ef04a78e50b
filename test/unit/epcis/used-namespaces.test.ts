import { describe, expect, it } from "vitest";
import { usedNamespaces } from "../../../src/epcis/used-namespaces.js";

const DECLARED = { example: "http://ns.example.com/epcis/", ext1: "http://ext1/", unused: "http://unused/" };

describe("usedNamespaces", () => {
  it("keeps the prefixes of keys at any depth and of compact IRI values, and no other", () => {
    const event = {
      type: "ObjectEvent",
      epcList: ["urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/09521234543213/21/1"],
      "example:extension": { moreExtensions: { deep: [{ "ext1:float": 1.5 }] } },
    };
    expect(usedNamespaces(event, DECLARED)).toEqual({
      example: "http://ns.example.com/epcis/",
      ext1: "http://ext1/",
    });
  });

  it("finds a prefix used only as a value", () => {
    expect(usedNamespaces({ sensorMetadata: { bizRules: "example:rule1" } }, DECLARED)).toEqual({
      example: "http://ns.example.com/epcis/",
    });
  });

  it("uses nothing for an event without extensions", () => {
    expect(usedNamespaces({ type: "ObjectEvent", bizStep: "shipping" }, DECLARED)).toEqual({});
  });
});
