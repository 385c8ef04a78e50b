import { describe, expect, it } from "vitest";
import { gqlTwice } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { randomUscc } from "../../support/random-identifiers.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { makeBatch } from "./http-fixtures.js";

/** No 500 from client input (issue 13 item 4). GraphQL error tests run twice: the second from a compiled plan. */

const forged = (values: unknown) => Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
const FORGED_CURSORS = [forged(["garbage", "x"]), forged([1, 2]), forged([["nested"]]), "%%%", "x".repeat(5_000)];

/** `{ a: { a: … } }` nested `depth` levels, built without recursion. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

function code(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) {
  return result.errors?.[0]?.extensions?.code;
}

describe("forged cursors", () => {
  const CONNECTIONS = [
    `query($after: String) { diversionAlerts(first: 2, after: $after) { edges { cursor } } }`,
    `query($after: String) { events(first: 2, after: $after) { edges { cursor } } }`,
    `query($after: String) { auditLog(first: 2, after: $after) { edges { cursor } } }`,
    `query($after: String) { recallImpact(code: "urn:epc:id:sgtin:0614141.107346.1") { objects(first: 2, after: $after) { edges { cursor } } } }`,
  ];

  it.each(CONNECTIONS)("answers BAD_USER_INPUT for a cursor we never issued: %s", async (query) => {
    for (const after of FORGED_CURSORS) {
      const result = await gqlTwice(query, { after });
      expect(code(result), after.slice(0, 40)).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.extensions).toMatchObject({ field: "after", rule: "cursor" });
      expect(JSON.stringify(result).length).toBeLessThan(1_000);
    }
  });

  it("answers a forged nextPageToken of GET /epcis/events with a 400 problem", async () => {
    const { base } = server;
    for (const token of FORGED_CURSORS) {
      const response = await authFetch(`${base}/epcis/events?nextPageToken=${encodeURIComponent(token)}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "BAD_USER_INPUT" });
    }
  });

  const server = useTestApp();
});

describe("deeply nested JSON", () => {
  const server = useTestApp();
  const DEEP = nested(5_000);
  const CAPTURE = `mutation($d: JSONObject!) { captureEpcis(document: $d) { accepted } }`;
  const event = {
    type: "ObjectEvent",
    eventTime: "2026-02-01T08:00:00Z",
    eventTimeZoneOffset: "+00:00",
    epcList: ["urn:epc:id:sgtin:0614141.107346.2018"],
    action: "OBSERVE",
  };
  const document = {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", { ex: "https://example.com/ns/" }],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-02-01T08:00:00Z",
    epcisBody: { eventList: [event] },
  };

  /** The document as JSON text with the deep extension spliced in (JSON.stringify itself would overflow the stack). */
  const deepJson = (wrap: (doc: string) => string) => {
    const text = JSON.stringify({ ...document, epcisBody: { eventList: [{ ...event, "ex:deep": "DEEP" }] } });
    const deep = `${'{"a":'.repeat(4_999)}{"leaf":true}${"}".repeat(4_999)}`;
    return wrap(text.replace('"DEEP"', deep));
  };

  it("refuses an EPCIS document with an extension nested 5,000 deep, over REST and GraphQL, as a 400", async () => {
    const rest = await authFetch(`${server.base}/epcis/capture`, {
      method: "POST",
      headers: { "content-type": "application/ld+json" },
      body: deepJson((doc) => doc),
    });
    expect(rest.status).toBe(400);
    expect(await rest.json()).toMatchObject({ error: { code: "BAD_USER_INPUT" } });

    const overHttp = await authFetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: deepJson((doc) => `{"query":${JSON.stringify(CAPTURE)},"variables":{"d":${doc}}}`),
    });
    expect(overHttp.status).toBe(400);
    expect(await overHttp.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_USER_INPUT" } }] });

    const deepDocument = { ...document, epcisBody: { eventList: [{ ...event, "ex:deep": DEEP }] } };
    const inProcess = await gqlTwice(CAPTURE, { d: deepDocument });
    expect(code(inProcess)).toBe("BAD_USER_INPUT");
  });

  it("refuses extended batch info nested 5,000 deep with BAD_USER_INPUT", async () => {
    const batch = await makeBatch({ suffix: uniqueSuffix(), count: 0 });
    const result = await gqlTwice(
      `mutation($id: ID!, $x: JSONObject!) { updateBatchInfo(batchId: $id, extended: $x, reason: "r") { id } }`,
      { id: batch.batch.id, x: { testReports: DEEP } },
    );
    expect(code(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions).toMatchObject({ field: "extended", rule: "depth" });
  });
});

describe("request bodies the HTTP layer cannot read", () => {
  const server = useTestApp({ http: { graphqlBodyLimitBytes: 2_048, captureBodyLimitBytes: 2_048 } });

  it("answers malformed and oversized JSON on every JSON route as a JSON problem, without stack or paths", async () => {
    const routes = ["/graphql", "/epcis/capture", "/batches/x/printed"];
    for (const path of routes) {
      for (const [body, status, errorCode] of [
        ["{ not json", 400, "BAD_REQUEST"],
        [JSON.stringify({ padding: "x".repeat(4_000) }), 413, "PAYLOAD_TOO_LARGE"],
      ] as const) {
        const response = await authFetch(`${server.base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        expect(response.status, path).toBe(status);
        expect(response.headers.get("content-type"), path).toContain("application/json");
        const text = await response.text();
        expect(text, path).toContain(errorCode);
        expect(text, path).not.toMatch(/node_modules|\/work\/|at [\w.]+ \(|stack|<html/i);
      }
    }
  });
});

describe("errors echo an excerpt of the input at most", () => {
  const server = useTestApp();

  it("answers a 1 MB identifier with a short error, in GraphQL and over HTTP", async () => {
    const huge = `urn:epc:id:sgtin:${"9".repeat(1_000_000)}`;
    const query = `query($c: String!) { resolveCode(code: $c) { key } }`;
    const result = await gqlTwice(query, { c: huge });
    expect(code(result)).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(result.errors).length).toBeLessThan(1_500);

    const response = await authFetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: { c: huge } }),
    });
    expect((await response.text()).length).toBeLessThan(1_500);
  });
});

describe("names refuse control characters", () => {
  const ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`;
  const LOCATION = `mutation($input: LocationInput!) { upsertLocation(input: $input) { id } }`;
  const PRODUCT = `mutation($input: ProductInput!) { registerProduct(input: $input) { id } }`;

  it.each(["粤缆\u0000电缆", "line\nbreak", "evil\u202Etxt.exe", "bell\u0007"])(
    "refuses %j as a name",
    async (name) => {
      const org = randomUscc();
      expect(code(await gqlTwice(ORG, { input: { id: org, name, roles: ["MANUFACTURER"] } }))).toBe("BAD_USER_INPUT");
      const location = { id: "urn:epc:id:sgln:0614141.00001.0", name, regionCode: "440305" };
      expect(code(await gqlTwice(LOCATION, { input: location }))).toBe("BAD_USER_INPUT");
      const product = {
        manufacturerId: org,
        name,
        model: "BV 2.5",
        category: "电线电缆",
        traceMode: "PER_ITEM",
        standardNo: "GB/T 5023.3-2008",
      };
      const result = await gqlTwice(PRODUCT, { input: product });
      expect(code(result)).toBe("BAD_USER_INPUT");
    },
  );
});
