import { describe, expect, it } from "vitest";
import {
  exampleNames,
  hasConformanceFolder,
  loadExample,
  missingConformanceMessage,
} from "../../unit/epcis/conformance.js";
import { epcisSchemaErrors } from "../../../src/epcis/schema-validator.js";
import { gqlData } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";

const CAPTURE = `mutation($doc: JSONObject!) { captureEpcis(document: $doc) { eventIds accepted duplicates errors { code } } }`;

interface CaptureData {
  captureEpcis: { eventIds: string[]; accepted: number; duplicates: number; errors: unknown[] };
}

describe("every GS1 EPCIS 2.0 example is captured and served back", () => {
  const server = useTestApp();

  it("finds the GS1 conformance examples beside the project", () => {
    expect(hasConformanceFolder(), missingConformanceMessage()).toBe(true);
    expect(exampleNames().length).toBeGreaterThan(20);
  });

  for (const name of exampleNames()) {
    it(`captures ${name} and returns its events in a query document that validates`, async () => {
      const doc = loadExample(name);
      const first = await gqlData<CaptureData>(CAPTURE, { doc });
      const ids = first.captureEpcis.eventIds;
      expect(ids.length).toBeGreaterThan(0);
      expect(first.captureEpcis.accepted + first.captureEpcis.duplicates).toBe(ids.length);

      const again = await gqlData<CaptureData>(CAPTURE, { doc });
      expect(again.captureEpcis).toMatchObject({ accepted: 0, duplicates: ids.length });

      const query = new URLSearchParams({ EQ_eventID: [...new Set(ids)].join(","), perPage: "1000" });
      const res = await authFetch(`${server.base}/epcis/events?${query.toString()}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
      };
      expect(epcisSchemaErrors(body)).toEqual([]);
      const returned = body.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID);
      expect(new Set(returned)).toEqual(new Set(ids));
    });
  }
});
