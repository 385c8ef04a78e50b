import { describe, expect, it } from "vitest";
import { mapEventsToWritePlan } from "../../../src/epcis/map-events.js";
import { validateEpcisDocument } from "../../../src/epcis/validate-document.js";
import epcisJsonSchema from "../../../src/epcis/schema/epcis-json-schema.json" with { type: "json" };
import {
  exampleNames,
  hasConformanceFolder,
  loadExample,
  loadSharedSchema,
  missingConformanceMessage,
} from "./conformance.js";

describe("GS1 EPCIS 2.0 conformance examples", () => {
  it("finds the shared conformance folder with GS1's examples", () => {
    expect(hasConformanceFolder(), missingConformanceMessage()).toBe(true);
    expect(exampleNames().length).toBeGreaterThan(0);
  });

  it("vendors exactly GS1's schema from the shared folder", () => {
    expect(epcisJsonSchema).toEqual(loadSharedSchema());
  });

  it.each(exampleNames())("accepts and maps %s", (name) => {
    const result = validateEpcisDocument(loadExample(name));
    if (!result.ok) expect.fail(`${name} rejected: ${JSON.stringify(result.errors, null, 2)}`);
    const plan = mapEventsToWritePlan(result.events, {
      namespaces: result.namespaces,
      recordTime: "2024-01-01T00:00:00.000Z",
    });
    expect(plan.events).toHaveLength(result.events.length);
    expect(new Set(plan.events.map((event) => event.eventId)).size).toBe(result.events.length);
  });
});
