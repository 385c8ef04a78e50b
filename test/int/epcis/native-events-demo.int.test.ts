import { beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../../seeds/demo.seed.js";
import { epcisEventId } from "../../../src/epcis/native-event-id.js";
import { epcisSchemaErrors } from "../../../src/epcis/schema-validator.js";
import { validateEpcisDocument } from "../../../src/epcis/validate-document.js";
import { query } from "../../../src/graph/query.js";
import { replayChain } from "../../oracle/visibility/chain-replay.js";
import { generateRandomChain } from "../../oracle/visibility/random-chain.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { testServices } from "../../support/test-services.js";

interface QueryDocument {
  "@context": unknown[];
  epcisBody: { queryResults: { resultsBody: { eventList: Record<string, unknown>[] } } };
}

/** Event ids per request: each URL stays far below any server's header limit. */
const IDS_PER_REQUEST = 50;

/** Every native event in the database: the demo's, the random chain's, and those other tests wrote. */
async function nativeEventIds(): Promise<string[]> {
  const { executor } = await testServices();
  const rows = await executor.read(
    query(
      "test.nativeEvents.ids",
      `MATCH (e:Event) WHERE e.type STARTS WITH "Native" AND e.document IS NOT NULL RETURN e.eventId AS id`,
    ),
  );
  return rows.map((row) => String(row.id));
}

/**
 * Every native event of the demo and of a random chain replayed through the API (and of whatever other tests wrote),
 * fetched from GET /epcis/events by the eventID it is served with: each page is a query document GS1's schema
 * accepts, and its events are events our own capture would accept.
 */
describe("every native event of the demo and of a random chain as EPCIS 2.0", () => {
  const server = useTestApp();

  beforeAll(async () => {
    await loadDemo(await testServices());
    await replayChain(generateRandomChain({ seed: 16 }).log);
  }, 300_000);

  it("validates against GS1's EPCIS 2.0 JSON schema and our capture's checks", async () => {
    const ids = (await nativeEventIds()).map(epcisEventId);
    const served: string[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
      const chunk = ids.slice(start, start + IDS_PER_REQUEST);
      const params = new URLSearchParams({ EQ_eventID: chunk.join(","), perPage: "1000" });
      const res = await authFetch(`${server.base}/epcis/events?${params.toString()}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as QueryDocument;
      expect(epcisSchemaErrors(body), chunk.join(" ")).toEqual([]);
      const events = body.epcisBody.queryResults.resultsBody.eventList;
      const capture = validateEpcisDocument({
        "@context": body["@context"],
        type: "EPCISDocument",
        schemaVersion: "2.0",
        creationDate: new Date().toISOString(),
        epcisBody: { eventList: events },
      });
      expect(capture.ok ? [] : capture.errors, chunk.join(" ")).toEqual([]);
      served.push(...events.map((e) => String(e.eventID)));
    }
    expect(served.sort()).toEqual([...ids].sort());
    // The demo creates batches, issues and links codes, releases, ships and scans.
    const demoKinds = new Set(served.filter((id) => id.includes("demo-")).map((id) => id.split(":")[3]));
    expect([...demoKinds].sort()).toEqual(expect.arrayContaining(["batch", "release", "scan", "shipment"]));
    expect(served.some((id) => id.startsWith("urn:tracegraph:native:link:"))).toBe(true);
    expect(served.some((id) => id.startsWith("urn:tracegraph:native:issue:"))).toBe(true);
  }, 300_000);
});
