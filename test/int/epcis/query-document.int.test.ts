import { describe, expect, it } from "vitest";
import { loadExample } from "../../unit/epcis/conformance.js";
import { gqlData } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { EPCIS_CONTEXT } from "../../../src/epcis/query-document.js";

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
});
