import { describe, expect, it } from "vitest";
import { loadExample } from "../../unit/epcis/conformance.js";
import { gqlData } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { EPCIS_CONTEXT } from "../../../src/epcis/query-document.js";
import { uniqueSuffix } from "../../support/test-services.js";

const CAPTURE = `mutation($doc: JSONObject!) { captureEpcis(document: $doc) { eventIds accepted duplicates errors { code } } }`;

interface QueryDocument {
  "@context": unknown[];
  epcisBody: { queryResults: { resultsBody: { eventList: Record<string, unknown>[] } } };
}

describe("EPCIS query documents", () => {
  const server = useTestApp();

  async function queryById(...ids: string[]): Promise<QueryDocument> {
    const params = new URLSearchParams({ EQ_eventID: ids.join(",") });
    const res = await authFetch(`${server.base}/epcis/events?${params.toString()}`);
    expect(res.status).toBe(200);
    return (await res.json()) as QueryDocument;
  }

  it("declare only the standard context and the namespaces the page's events use", async () => {
    // Example 9.6.1 declares `example`; only its second event uses it (`example:myField`).
    const doc = loadExample("Example_9.6.1-ObjectEvent.jsonld");
    const ids = (doc.epcisBody as { eventList: { eventID: string }[] }).eventList.map((e) => e.eventID);
    await gqlData(CAPTURE, { doc });
    const [plain, extended] = ids as [string, string];

    expect((await queryById(plain))["@context"]).toEqual([EPCIS_CONTEXT]);
    expect((await queryById(extended))["@context"]).toEqual([
      EPCIS_CONTEXT,
      { example: "http://ns.example.com/epcis/" },
    ]);
    expect((await queryById(plain, extended))["@context"]).toEqual([
      EPCIS_CONTEXT,
      { example: "http://ns.example.com/epcis/" },
    ]);
  });

  it("round-trip a document whose extensions nest plain keys, unchanged, over REST and GraphQL", async () => {
    const eventID = `urn:uuid:nested-${uniqueSuffix()}`;
    const event = {
      eventID,
      type: "ObjectEvent",
      action: "ADD",
      bizStep: "commissioning",
      epcList: ["urn:epc:id:sgtin:0614141.107346.3001"],
      eventTime: "2025-01-02T03:04:05.678+08:00",
      eventTimeZoneOffset: "+08:00",
      ilmd: { "example:batch": { line: 3, shift: { name: "night", crew: ["a", "b"] } } },
      "example:extension": { moreExtensions: { level: 2, items: [{ weight: 1.5 }, null, "text"] } },
    };
    const doc = {
      "@context": [EPCIS_CONTEXT, { example: "http://ns.example.com/epcis/", other: "http://other.example/" }],
      type: "EPCISDocument",
      schemaVersion: "2.0",
      creationDate: "2025-01-02T03:04:05.678+08:00",
      epcisBody: { eventList: [event] },
    };
    const captured = await gqlData<{ captureEpcis: { accepted: number; errors: unknown[] } }>(CAPTURE, { doc });
    expect(captured.captureEpcis).toMatchObject({ accepted: 1, errors: [] });

    const served = await queryById(eventID);
    expect(served.epcisBody.queryResults.resultsBody.eventList).toEqual([event]);
    expect(JSON.stringify(served.epcisBody.queryResults.resultsBody.eventList[0])).toBe(JSON.stringify(event));
    expect(served["@context"]).toEqual([EPCIS_CONTEXT, { example: "http://ns.example.com/epcis/" }]);

    const graphql = await gqlData<{ events: { edges: { node: { event: unknown } }[] } }>(
      `query($ids: [String!]) { events(filter: { EQ_eventID: $ids }) { edges { node { event } } } }`,
      { ids: [eventID] },
    );
    expect(graphql.events.edges.map((e) => e.node.event)).toEqual([event]);
  });
});
