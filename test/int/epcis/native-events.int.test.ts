import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../../support/test-api.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { epcisEventId } from "../../../src/epcis/native-event-id.js";
import { epcisSchemaErrors } from "../../../src/epcis/schema-validator.js";
import { validateEpcisDocument } from "../../../src/epcis/validate-document.js";
import { traceCodeUrl } from "../../../src/codes/index.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  LINK,
  REGISTER_PRODUCT,
  RELEASE,
  SCAN,
  SHIP,
  cableBatch,
  cableProduct,
  randomGtin13,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
  type ScanData,
} from "../producer/producer-fixtures.js";

const EVENTS = `query($filter: EpcisEventFilter) {
  events(filter: $filter, first: 100) { edges { node { eventId event } } }
}`;

interface EventsData {
  events: { edges: { node: { eventId: string; event: Record<string, unknown> } }[] };
}

/**
 * A reel of cable (COMBINED, no GTIN: our own codes throughout): coded, linked, released, shipped, scanned; and a GS1
 * lot made from a supplier's copper lot (a transformation), one of its codes voided, released and recalled.
 */
describe("native events in the EPCIS query interface", () => {
  const server = useTestApp();
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let batch: BatchData;
  let lot: BatchData;
  let reel: string;
  let segments: string[];
  let item: string;
  let voided: string;
  let shipmentEvent: string;
  let scanEvent: string;
  let baseUrl: string;

  const issue = async (batchId: string, codeType: string | null, count: number) =>
    (
      await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, {
        input: { batchId, count, ...(codeType && { codeType }) },
        first: 10,
      })
    ).issueCodes.codes.edges.map((e) => e.node.value);

  async function events(filter: Record<string, unknown>, as = principalOf("ADMIN", null)) {
    const result = await gqlAs<EventsData>(as, EVENTS, { filter });
    expect(result.errors).toBeUndefined();
    return result.data!.events.edges.map((e) => e.node);
  }

  async function eventIds(filter: Record<string, unknown>, as = principalOf("ADMIN", null)): Promise<string[]> {
    return (await events(filter, as)).map((e) => e.eventId).sort();
  }

  /** Every event naming one of this test's objects, as a query document from the REST binding. */
  async function allEvents(): Promise<{ "@context": unknown[]; events: Record<string, unknown>[]; body: unknown }> {
    const ids = new Set([
      ...(await eventIds({ MATCH_anyEPC: [reel, item, voided, ...segments] })),
      ...(await eventIds({ MATCH_epcClass: [batch.key, lot.key] })),
    ]);
    const params = new URLSearchParams({ EQ_eventID: [...ids].join(","), perPage: "100" });
    const res = await authFetch(`${server.base}/epcis/events?${params.toString()}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      "@context": unknown[];
      epcisBody: { queryResults: { resultsBody: { eventList: Record<string, unknown>[] } } };
    };
    return { "@context": body["@context"], events: body.epcisBody.queryResults.resultsBody.eventList, body };
  }

  beforeAll(async () => {
    baseUrl = (await testServices()).config.publicBaseUrl;
    orgs = await registerChain(suffix);
    const product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "COMBINED", { id: `epcis-reel-${suffix}` }),
      })
    ).registerProduct;
    batch = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(product.id, `E${suffix}`) }))
      .createBatch;
    [reel] = (await issue(batch.id, "MOTHER", 1)) as [string];
    segments = await issue(batch.id, "SEGMENT", 2);
    [item] = (await issue(batch.id, "ITEM", 1)) as [string];
    await gqlData(LINK, {
      parent: reel,
      children: [
        { code: segments[0], segmentStart: 0, segmentEnd: 100 },
        { code: segments[1], segmentStart: 100, segmentEnd: 200 },
      ],
    });
    await gqlData(RELEASE, { batchId: batch.id });
    const shipped = await gqlData<{ recordShipment: { eventId: string } }>(SHIP, {
      input: {
        codes: [reel, item],
        fromOrganizationId: orgs.maker,
        toOrganizationId: orgs.gdDistributor,
        shippedAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
    });
    shipmentEvent = epcisEventId(shipped.recordShipment.eventId);
    const scanned = await gqlData<{ recordScan: ScanData }>(SCAN, {
      input: { code: item, regionCode: "440101", scannedAt: new Date().toISOString(), role: "RETAILER" },
    });
    scanEvent = epcisEventId(scanned.recordScan.eventId);

    const gs1Product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `epcis-lot-${suffix}`, gtin: randomGtin13() }),
      })
    ).registerProduct;
    const copper = `urn:epc:class:lgtin:6901234.0${suffix.slice(0, 5).replace(/[a-f]/g, "1")}.CU-${suffix}`;
    lot = (
      await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, {
        input: cableBatch(gs1Product.id, `G${suffix}`, { components: [copper] }),
      })
    ).createBatch;
    [voided] = (await issue(lot.id, null, 2)) as [string];
    await gqlData(`mutation($c: String!) { voidCode(code: $c, reason: "标签损坏") { status } }`, { c: voided });
    await gqlData(RELEASE, { batchId: lot.id });
    await gqlData(`mutation($b: ID!) { recallBatch(batchId: $b, reason: "绝缘电阻不合格") { status } }`, { b: lot.id });
  }, 120_000);

  it("MATCH_epc finds a native shipment and scan of our code by every spelling of it", async () => {
    const compact = item.replace(/-/g, "").toLowerCase();
    const spellings = [item, compact, `https://any.example.com/t/${item}`, `http://localhost:4000/app/t/${compact}`];
    for (const spelling of spellings) {
      expect(await eventIds({ MATCH_epc: [spelling] }), spelling).toEqual([scanEvent, shipmentEvent].sort());
    }
  });

  it("MATCH_epc finds a container where it is an object, MATCH_anyEPC also where it is a parent", async () => {
    const url = `https://id.example.org/t/${reel.toLowerCase()}`;
    expect(await eventIds({ MATCH_epc: [url] })).toEqual([shipmentEvent]);
    const any = await eventIds({ MATCH_anyEPC: [url] });
    expect(any).toHaveLength(2);
    expect(any).toContain(shipmentEvent);
    expect(await eventIds({ MATCH_epc: [segments[0]] })).toEqual(any.filter((id) => id !== shipmentEvent));
  });

  it("serves every native event as an EPCIS 2.0 event that GS1's schema and our own capture accept", async () => {
    const page = await allEvents();
    expect(epcisSchemaErrors(page.body)).toEqual([]);
    const document = {
      "@context": page["@context"],
      type: "EPCISDocument",
      schemaVersion: "2.0",
      creationDate: new Date().toISOString(),
      epcisBody: { eventList: page.events },
    };
    const validation = validateEpcisDocument(document);
    expect(validation.ok ? [] : validation.errors).toEqual([]);
    const kinds = page.events.map((e) => `${String(e.type)} ${String(e.action ?? "")} ${String(e.bizStep ?? "")}`);
    expect(kinds.sort()).toEqual(
      [
        "ObjectEvent ADD commissioning", // the reel's batch created
        "ObjectEvent ADD commissioning", // its mother, segment and item codes issued
        "ObjectEvent ADD commissioning",
        "ObjectEvent ADD commissioning",
        "AggregationEvent ADD packing", // segments linked to the reel
        "ObjectEvent OBSERVE ", // released
        "ObjectEvent OBSERVE shipping",
        "ObjectEvent OBSERVE retail_selling",
        "TransformationEvent  commissioning", // the GS1 lot made from copper
        "ObjectEvent ADD commissioning", // its item codes issued
        "ObjectEvent DELETE decommissioning", // one voided
        "ObjectEvent OBSERVE ", // released
        "ObjectEvent OBSERVE ", // recalled
      ].sort(),
    );
    expect(new Set(page.events.map((e) => e.eventID)).size).toBe(page.events.length);
    for (const event of page.events) expect(String(event.eventID)).toMatch(/^urn:tracegraph:native:/);
  });

  it("spells the events' objects, parties, locations and ILMD as EPCIS does", async () => {
    const { events: all } = await allEvents();
    const byId = new Map(all.map((e) => [e.eventID, e]));
    expect(byId.get(shipmentEvent)).toMatchObject({
      epcList: [traceCodeUrl(baseUrl, reel), traceCodeUrl(baseUrl, item)],
      disposition: "in_transit",
      sourceList: [{ type: "owning_party", source: orgs.maker }],
      destinationList: [{ type: "owning_party", destination: orgs.gdDistributor }],
    });
    expect(byId.get(scanEvent)).toMatchObject({
      epcList: [traceCodeUrl(baseUrl, item)],
      readPoint: { id: "urn:tracegraph:region:440101" },
      "tg:regionCode": "440101",
      "tg:scanRole": "RETAILER",
    });
    const link = all.find((e) => e.type === "AggregationEvent");
    expect(link).toMatchObject({
      parentID: traceCodeUrl(baseUrl, reel),
      childEPCs: segments.map((s) => traceCodeUrl(baseUrl, s)),
    });
    const created = all.find((e) => e.eventID === epcisEventId(`native:batch:${batch.id}`));
    expect(created).toMatchObject({
      quantityList: [{ epcClass: traceCodeUrl(baseUrl, batch.key) }],
      ilmd: {
        "cbvmda:lotNumber": `E${suffix}`,
        "tg:productionDate": "2026-01-15",
        "tg:quantity": 5000,
        "tg:unit": "m",
      },
    });
    const made = all.find((e) => e.type === "TransformationEvent");
    expect(made).toMatchObject({
      inputQuantityList: [{ epcClass: lot.components[0] }],
      outputQuantityList: [{ epcClass: lot.key }],
    });
    const recall = all.find((e) => e.disposition === "recalled");
    expect(recall).toMatchObject({ quantityList: [{ epcClass: lot.key }], "tg:recallReason": "绝缘电阻不合格" });
    const voidEvent = all.find((e) => e.action === "DELETE");
    expect(voidEvent).toMatchObject({
      epcList: [traceCodeUrl(baseUrl, voided)],
      disposition: "inactive",
      "tg:voidReason": "标签损坏",
    });
  });

  it("filters native events by their EPCIS type, and finds each by the eventID it is served with", async () => {
    expect(await eventIds({ eventType: ["AggregationEvent"], MATCH_anyEPC: [reel] })).toHaveLength(1);
    expect(await eventIds({ eventType: ["TransformationEvent"], MATCH_epcClass: [lot.key] })).toHaveLength(1);
    const [shipment] = await events({ EQ_eventID: [shipmentEvent] });
    expect(shipment).toMatchObject({ eventId: shipmentEvent, event: { eventID: shipmentEvent, bizStep: "shipping" } });
  });

  it("lists a party the native events it may see (API-CONTRACT §6), as the events page always has", async () => {
    const maker = principalOf("MANUFACTURER", orgs.maker);
    const distributor = principalOf("PARTNER", orgs.gdDistributor);
    const stranger = principalOf("PARTNER", orgs.hnDistributor);
    const filter = { MATCH_epcClass: [batch.key] };
    const creation = epcisEventId(`native:batch:${batch.id}`);
    const release = epcisEventId(`native:release:${batch.id}`);
    expect(await eventIds(filter, maker)).toEqual(expect.arrayContaining([creation, release]));
    const seen = await eventIds(filter, distributor);
    expect(seen).not.toContain(creation);
    expect(seen).not.toContain(release);
    expect(await eventIds({ MATCH_epc: [item] }, distributor)).toContain(shipmentEvent);
    expect(await eventIds({ MATCH_epc: [item] }, stranger)).toEqual([]);
    expect(await eventIds(filter, stranger)).toEqual([]);
  });
});
