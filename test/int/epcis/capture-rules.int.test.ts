import { registerOrganization } from "../access/access-fixtures.js";
import { describe, expect, it } from "vitest";
import { gs1CheckDigit } from "../../../src/codes/index.js";
import { gql, gqlData, firstErrorCode } from "../../support/test-api.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import { query } from "../../../src/graph/query.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";

const CAPTURE = `mutation($doc: JSONObject!) { captureEpcis(document: $doc) { eventIds accepted duplicates } }`;
const CONTEXT = [
  "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
  { ex: "https://ns.example.com/epcis/" },
];

/** A company prefix + item reference unique to this run, so the GTIN is ours alone. */
function runGtin(): { cp: string; ir: string; gtin14: string } {
  const cp = "0614141";
  const ir = `1${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
  const body = `${ir[0]}${cp}${ir.slice(1)}`;
  return { cp, ir, gtin14: body + gs1CheckDigit(body) };
}

function doc(events: Record<string, unknown>[]): Record<string, unknown> {
  return {
    "@context": CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-05-01T00:00:00Z",
    epcisBody: { eventList: events },
  };
}

function objectEvent(id: string, epcs: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "ObjectEvent",
    eventID: id,
    eventTime: "2026-05-01T08:00:00+08:00",
    eventTimeZoneOffset: "+08:00",
    epcList: epcs,
    action: "OBSERVE",
    bizStep: "receiving",
    ...extra,
  };
}

describe("EPCIS capture rules", () => {
  const suffix = uniqueSuffix();
  const { cp, ir, gtin14 } = runGtin();
  const urn = (serial: string) => `urn:epc:id:sgtin:${cp}.${ir}.${serial}`;
  const link = (serial: string) => `https://brand.example.cn/01/${gtin14}/21/${serial}`;
  const key = (serial: string) => `https://id.gs1.org/01/${gtin14}/21/${serial}`;
  const server = useTestApp();

  const invalid: [string, (e: Record<string, unknown>) => void, string][] = [
    ["missing action", (e) => delete e.action, "MISSING_FIELD"],
    ["a bad eventTime", (e) => (e.eventTime = "yesterday"), "BAD_TIME"],
    [
      "ILMD without a namespace",
      (e) => Object.assign(e, { action: "ADD", ilmd: { lotNumber: "L1" } }),
      "MISSING_NAMESPACE",
    ],
    [
      "quantity as text",
      (e) => (e.quantityList = [{ epcClass: `urn:epc:class:lgtin:${cp}.${ir}.L1`, quantity: "ten" }]),
      "BAD_QUANTITY",
    ],
    ["an unknown bizStep short name", (e) => (e.bizStep = "teleporting"), "UNKNOWN_VOCABULARY"],
    [
      "an unknown field in a quantity element",
      (e) => (e.quantityList = [{ epcClass: `urn:epc:class:lgtin:${cp}.${ir}.L1`, quantity: 1, colour: "red" }]),
      "UNKNOWN_FIELD",
    ],
    [
      "a wrong GTIN check digit",
      (e) => (e.epcList = [`https://id.gs1.org/01/${gtin14.slice(0, 13)}${(Number(gtin14[13]) + 1) % 10}/21/1`]),
      "BAD_IDENTIFIER",
    ],
  ];

  for (const [what, spoil, code] of invalid) {
    it(`rejects a document with ${what} whole, naming the event (${code}), and writes nothing`, async () => {
      const good = objectEvent(`urn:uuid:good-${what.length}-${suffix}`, [urn(`g${what.length}`)]);
      const bad = objectEvent(`urn:uuid:bad-${what.length}-${suffix}`, [urn(`b${what.length}`)]);
      spoil(bad);
      const result = await gql(CAPTURE, { doc: doc([good, bad]) });
      expect(firstErrorCode(result)).toBe("BAD_USER_INPUT");
      const errors = result.errors?.[0]?.extensions?.errors as { index: number; code: string; eventID: string }[];
      expect(errors).toContainEqual(expect.objectContaining({ index: 1, code, eventID: bad.eventID }));
      expect(errors.every((e) => e.index === 1)).toBe(true);
      const served = await authFetch(
        `${server.base}/epcis/events?EQ_eventID=${encodeURIComponent(String(good.eventID))}`,
      );
      const body = (await served.json()) as { epcisBody: { queryResults: { resultsBody: { eventList: unknown[] } } } };
      expect(body.epcisBody.queryResults.resultsBody.eventList).toEqual([]);
    });
  }

  it("rejects a document without @context", async () => {
    const { "@context": _dropped, ...noContext } = doc([objectEvent(`urn:uuid:ctx-${suffix}`, [urn("c1")])]);
    const result = await gql(CAPTURE, { doc: noContext });
    expect(firstErrorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.errors).toContainEqual(expect.objectContaining({ code: "MISSING_CONTEXT" }));
  });

  it("makes an object named by URN in one event and by Digital Link in another one node", async () => {
    await gqlData(CAPTURE, { doc: doc([objectEvent(`urn:uuid:a-${suffix}`, [urn("777")])]) });
    await gqlData(CAPTURE, { doc: doc([objectEvent(`urn:uuid:b-${suffix}`, [link("777")])]) });
    const data = await gqlData<{ a: { key: string }; b: { key: string } }>(
      `query($a: String!, $b: String!) { a: resolveCode(code: $a) { key } b: resolveCode(code: $b) { key } }`,
      { a: link("777"), b: urn("777") },
    );
    expect(data.a.key).toBe(key("777"));
    expect(data.b.key).toBe(key("777"));
    const res = await authFetch(`${server.base}/epcis/events?MATCH_epc=${encodeURIComponent(urn("777"))}`);
    const body = (await res.json()) as {
      epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
    };
    expect(body.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID).sort()).toEqual(
      [`urn:uuid:a-${suffix}`, `urn:uuid:b-${suffix}`].sort(),
    );
  });

  it("is idempotent without eventIDs too, through the CBV 2.0 event hash", async () => {
    const { eventID: _none, ...anonymous } = objectEvent("x", [urn("h1")]);
    const first = await gqlData<{ captureEpcis: { eventIds: string[]; accepted: number } }>(CAPTURE, {
      doc: doc([anonymous]),
    });
    expect(first.captureEpcis.eventIds[0]).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    const reordered = Object.fromEntries(Object.entries(anonymous).reverse());
    const second = await gqlData<{ captureEpcis: { eventIds: string[]; duplicates: number } }>(CAPTURE, {
      doc: doc([{ ...reordered, epcList: [link("h1")] }]),
    });
    expect(second.captureEpcis.eventIds).toEqual(first.captureEpcis.eventIds);
    expect(second.captureEpcis.duplicates).toBe(1);
  });

  it("writes a document sent twice at once exactly once: one capture accepts it, the other finds duplicates", async () => {
    const parent = `urn:epc:id:sscc:${cp}.${String(Math.floor(Math.random() * 1e9)).padStart(10, "0")}`;
    const events = [
      objectEvent(`urn:uuid:${suffix}-c1`, [urn("c1"), urn("c2")]),
      {
        type: "AggregationEvent",
        eventID: `urn:uuid:${suffix}-c2`,
        eventTime: "2026-05-01T09:00:00+08:00",
        eventTimeZoneOffset: "+08:00",
        parentID: parent,
        childEPCs: [urn("c1"), urn("c2")],
        action: "ADD",
        bizStep: "packing",
      },
    ];
    type Answer = { captureEpcis: { accepted: number; duplicates: number } };
    const answers = await Promise.all([
      gqlData<Answer>(CAPTURE, { doc: doc(events) }),
      gqlData<Answer>(CAPTURE, { doc: doc(events) }),
    ]);
    expect(answers.map((a) => a.captureEpcis.accepted).sort()).toEqual([0, 2]);
    expect(answers.map((a) => a.captureEpcis.duplicates).sort()).toEqual([0, 2]);
    const services = await testServices();
    const rows = await services.executor.read(
      query(
        "test.captureRules.containment",
        "MATCH (:Obj {key: $child})-[r:CONTAINED_IN]->(:Obj) RETURN count(r) AS n",
        { child: key("c1") },
      ),
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("joins the inputs and outputs of one transformationID captured in two documents", async () => {
    const tid = `urn:uuid:t-${suffix}`;
    const transformation = (id: string, side: "inputEPCList" | "outputEPCList", serial: string, time: string) => ({
      type: "TransformationEvent",
      eventID: id,
      eventTime: time,
      eventTimeZoneOffset: "+08:00",
      transformationID: tid,
      [side]: [urn(serial)],
      bizStep: "commissioning",
    });
    await gqlData(CAPTURE, {
      doc: doc([transformation(`urn:uuid:t1-${suffix}`, "inputEPCList", "in1", "2026-05-02T08:00:00+08:00")]),
    });
    await gqlData(CAPTURE, {
      doc: doc([transformation(`urn:uuid:t2-${suffix}`, "outputEPCList", "out1", "2026-05-02T09:00:00+08:00")]),
    });
    const data = await gqlData<{ downstream: { edges: { from: string; to: string; kind: string }[] } }>(
      `query($c: String!) { downstream(code: $c) { edges { from to kind } } }`,
      { c: urn("in1") },
    );
    expect(data.downstream.edges).toEqual([{ from: key("in1"), to: key("out1"), kind: "TRANSFORMED_INTO" }]);
  });

  it("answers POST /epcis/capture with 202 and a capture job that reports success or the errors", async () => {
    const post = (body: unknown) =>
      authFetch(`${server.base}/epcis/capture`, {
        method: "POST",
        headers: { "content-type": "application/ld+json" },
        body: JSON.stringify(body),
      });
    const waitFor = async (location: string) => {
      for (let i = 0; i < 100; i++) {
        const job = (await (await authFetch(`${server.base}${location}`)).json()) as {
          running: boolean;
          success: boolean;
          errors: { code: string }[];
        };
        if (!job.running) return job;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("capture job still running");
    };
    const ok = await post(doc([objectEvent(`urn:uuid:rest-${suffix}`, [urn("r1")])]));
    expect(ok.status).toBe(202);
    expect(await waitFor(ok.headers.get("location")!)).toMatchObject({ success: true, accepted: 1, errors: [] });
    // A job is its submitter's (here the operator's): another party's credential finds no such job.
    const org = await registerOrganization();
    const partner = await server.services.apiKeys.create({ organizationId: org, role: "PARTNER" });
    const foreign = await authFetch(`${server.base}${ok.headers.get("location")!}`, { as: partner.key });
    expect(foreign.status).toBe(404);

    // A document capture would refuse is refused at once, with its errors, and no job is stored for it.
    const bad = await post(doc([objectEvent(`urn:uuid:rest-bad-${suffix}`, [urn("r2")], { bizStep: "teleporting" })]));
    expect(bad.status).toBe(400);
    const refused = (await bad.json()) as { code: string; errors: { code: string }[] };
    expect(refused.code).toBe("BAD_USER_INPUT");
    expect(refused.errors).toContainEqual(expect.objectContaining({ code: "UNKNOWN_VOCABULARY" }));
    expect((await post({})).status).toBe(400);
    expect((await post({ note: `rest-bad-${suffix}` })).status).toBe(400);
    const stored = await server.services.executor.read(
      query(
        "test.captureRules.refusedInputs",
        "MATCH (i:JobInput) WHERE i.data CONTAINS $marker RETURN count(i) AS n",
        { marker: `rest-bad-${suffix}` },
      ),
    );
    expect(Number(stored[0]?.n)).toBe(0);
  });
});
