import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { dataOf, gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  REGISTER_PRODUCT,
  RELEASE,
  SHIP,
  TRACE,
  cableBatch,
  cableProduct,
  randomUscc,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
  type TraceData,
} from "../producer/producer-fixtures.js";
import { epcisEventId } from "../../../src/epcis/native-event-id.js";

/**
 * API-CONTRACT §6, "What each party may see", on one small chain built through the API as each party: a supplier
 * ships a copper lot to a maker; the maker makes a batch of it, issues two items and ships one to each of two
 * distributors; the first sells its item to a retailer. Each assertion is a sentence of §6.
 */

const UPSERT_ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`;
const UPSERT_LOCATION = `mutation($input: LocationInput!) { upsertLocation(input: $input) { id } }`;
const CAPTURE = `mutation($document: JSONObject!) { captureEpcis(document: $document) { accepted } }`;
const RESOLVE = `query($code: String!) { resolveCode(code: $code) { key kind } }`;
const RECALL = `query($code: String!) {
  recallImpact(code: $code) { totalCount organizations { organization { id } objectCount } objects(first: 100) { edges { node { key } } } }
}`;

interface RecallData {
  recallImpact: {
    totalCount: number;
    organizations: { organization: { id: string }; objectCount: number }[];
    objects: { edges: { node: { key: string } }[] };
  };
}

const keysOf = (graph: { nodes: { key: string }[] }) => graph.nodes.map((n) => n.key).sort();

describe("what each party may see (API-CONTRACT §6)", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let retailer2: string;
  let regulator: string;
  let copperLot: string;
  let batch: BatchData;
  let items: [string, string];
  let shipments: string[];

  const maker = () => principalOf("MANUFACTURER", orgs.maker);
  const supplier = () => principalOf("MANUFACTURER", orgs.supplier);
  const distributor1 = () => principalOf("PARTNER", orgs.gdDistributor);
  const distributor2 = () => principalOf("PARTNER", orgs.hnDistributor);
  const retailer = () => principalOf("PARTNER", orgs.szRetailer);
  const inspector = () => principalOf("REGULATOR", regulator);

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    retailer2 = randomUscc("430100");
    regulator = randomUscc("440000");
    await gqlData(UPSERT_ORG, { input: { id: retailer2, name: `长沙五金 ${suffix}`, roles: ["RETAILER"] } });
    await gqlData(UPSERT_ORG, { input: { id: regulator, name: `市场监管 ${suffix}`, roles: ["REGULATOR"] } });
    await gqlData(UPSERT_ORG, {
      input: { id: orgs.supplier, name: `江铜铜材 ${suffix}`, roles: ["SUPPLIER", "MANUFACTURER"] },
    });
    // The supplier's site, so its EPCIS events happen at a location it owns.
    const gcp = "0614141";
    const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, "0");
    const site = `urn:epc:id:sgln:${gcp}.${digits(5)}.0`;
    await gqlData(UPSERT_LOCATION, { input: { id: site, regionCode: "360600", organizationId: orgs.supplier } });
    const lotClass = `urn:epc:class:lgtin:${gcp}.1${digits(5)}.CU${suffix.slice(0, 6)}`;
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const document = {
      "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
      type: "EPCISDocument",
      schemaVersion: "2.0",
      creationDate: "2026-01-02T00:00:00Z",
      epcisBody: {
        eventList: [
          {
            type: "ObjectEvent",
            eventID: `urn:uuid:${ids[0]}`,
            eventTime: "2026-01-02T08:00:00+08:00",
            eventTimeZoneOffset: "+08:00",
            epcList: [],
            quantityList: [{ epcClass: lotClass, quantity: 500, uom: "KGM" }],
            action: "ADD",
            bizStep: "commissioning",
            bizLocation: { id: site },
          },
          {
            type: "ObjectEvent",
            eventID: `urn:uuid:${ids[1]}`,
            eventTime: "2026-01-03T08:00:00+08:00",
            eventTimeZoneOffset: "+08:00",
            epcList: [],
            quantityList: [{ epcClass: lotClass, quantity: 500, uom: "KGM" }],
            action: "OBSERVE",
            bizStep: "shipping",
            bizLocation: { id: site },
            sourceList: [{ type: "owning_party", source: orgs.supplier }],
            destinationList: [{ type: "owning_party", destination: orgs.maker }],
          },
        ],
      },
    };
    dataOf(await gqlAs(supplier(), CAPTURE, { document }));
    copperLot = dataOf(await gqlAs<{ resolveCode: { key: string } }>(supplier(), RESOLVE, { code: lotClass }))
      .resolveCode.key;

    const product = dataOf(
      await gqlAs<{ registerProduct: ProductData }>(maker(), REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `vis-${suffix}` }),
      }),
    ).registerProduct;
    batch = dataOf(
      await gqlAs<{ createBatch: BatchData }>(maker(), CREATE_BATCH, {
        input: cableBatch(product.id, "V1", { components: [copperLot] }),
      }),
    ).createBatch;
    const issued = dataOf(
      await gqlAs<{ issueCodes: IssueData }>(maker(), ISSUE_CODES, {
        input: { batchId: batch.id, count: 2 },
        first: 2,
      }),
    ).issueCodes;
    items = issued.codes.edges.map((e) => e.node.value) as [string, string];
    dataOf(await gqlAs(maker(), RELEASE, { batchId: batch.id }));
    const ship = (as: ReturnType<typeof maker>, code: string, from: string, to: string, at: string) =>
      gqlAs(as, SHIP, { input: { codes: [code], fromOrganizationId: from, toOrganizationId: to, shippedAt: at } });
    shipments = [
      dataOf(await ship(maker(), items[0], orgs.maker, orgs.gdDistributor, "2026-01-20T00:00:00Z")),
      dataOf(await ship(maker(), items[1], orgs.maker, orgs.hnDistributor, "2026-01-20T00:00:00Z")),
      dataOf(await ship(distributor1(), items[0], orgs.gdDistributor, orgs.szRetailer, "2026-01-25T00:00:00Z")),
    ].map((r) => (r as { recordShipment: { eventId: string } }).recordShipment.eventId);
    // A shipment from a party that never held the goods grants nothing.
    dataOf(await ship(distributor2(), items[0], orgs.hnDistributor, retailer2, "2026-01-26T00:00:00Z"));
  });

  const trace = async (as: ReturnType<typeof maker>, code: string) =>
    dataOf(await gqlAs<TraceData>(as, TRACE, { code }));

  it("a maker sees everything its own products went through, and where its component came from", async () => {
    const { up, down } = await trace(maker(), batch.key);
    expect(keysOf(down)).toEqual(
      [batch.key, ...items, orgs.gdDistributor, orgs.hnDistributor, orgs.szRetailer, retailer2].sort(),
    );
    // Its own transformation is not foreign to it: the supplier's lot is in the batch's history.
    expect(keysOf(up)).toContain(copperLot);
  });

  it("a supplier sees where its lot was shipped, not what it became or who bought the result", async () => {
    const { down } = await trace(supplier(), copperLot);
    expect(keysOf(down)).toEqual([copperLot, orgs.maker].sort());
    expect(dataOf(await gqlAs(supplier(), RESOLVE, { code: batch.key }))).toEqual({ resolveCode: null });
  });

  it("a distributor sees the batch and custody of what it holds, not the maker's supplier", async () => {
    const { up } = await trace(distributor1(), items[0]);
    expect(keysOf(up)).toContain(batch.key);
    expect(keysOf(up)).not.toContain(copperLot);
  });

  it("a distributor does not see another distributor's goods or sales", async () => {
    const { down } = await trace(distributor1(), batch.key);
    expect(keysOf(down)).toContain(items[0]);
    expect(keysOf(down)).not.toContain(items[1]);
    expect(keysOf(down)).not.toContain(orgs.hnDistributor);
    const second = await trace(distributor2(), batch.key);
    expect(keysOf(second.down)).not.toContain(orgs.szRetailer);
    expect(keysOf(second.down)).not.toContain(items[0]);
  });

  it("a shipment from a party that never held the goods grants its receiver nothing beyond that shipment", async () => {
    const { up } = await trace(principalOf("PARTNER", retailer2), items[0]);
    expect(keysOf(up)).toEqual([items[0]]);
  });

  it("a party that may not see an object gets null and empty traces, never a hint that it exists", async () => {
    expect(dataOf(await gqlAs(retailer(), RESOLVE, { code: items[1] }))).toEqual({ resolveCode: null });
    const { up, down } = await trace(retailer(), items[1]);
    expect([up.nodes, up.edges, down.nodes, down.edges]).toEqual([[], [], [], []]);
    const recall = dataOf(await gqlAs<RecallData>(retailer(), RECALL, { code: items[1] })).recallImpact;
    expect(recall).toEqual({ totalCount: 0, organizations: [], objects: { edges: [] } });
  });

  it("recallImpact counts what the caller may see; the regulator and the operator see it all", async () => {
    const mine = dataOf(await gqlAs<RecallData>(distributor1(), RECALL, { code: batch.key })).recallImpact;
    expect(mine.objects.edges.map((e) => e.node.key).sort()).toEqual([batch.key, items[0]].sort());
    expect(mine.totalCount).toBe(2);
    const all = dataOf(await gqlAs<RecallData>(inspector(), RECALL, { code: batch.key })).recallImpact;
    const admin = dataOf(await gqlAs<RecallData>(principalOf("ADMIN", null), RECALL, { code: batch.key })).recallImpact;
    expect(all).toEqual(admin);
    expect(all.totalCount).toBe(3);
    const { down } = await trace(inspector(), batch.key);
    expect(keysOf(down)).toEqual(keysOf((await trace(principalOf("ADMIN", null), batch.key)).down));
  });

  it("events lists what the caller is a party of or what caused an edge it may see", async () => {
    const EVENTS = `query($ids: [String!]) { events(filter: { EQ_eventID: $ids }, first: 100) { edges { node { eventId } } } }`;
    const listed = async (as: ReturnType<typeof maker>) =>
      dataOf(await gqlAs<{ events: { edges: { node: { eventId: string } }[] } }>(as, EVENTS, { ids: shipments }))
        .events.edges.map((e) => e.node.eventId)
        .sort();
    // Native events are listed under the eventID they have as EPCIS events (issue 16 item 1).
    const [toFirst, toSecond, sale] = shipments.map(epcisEventId) as [string, string, string];
    expect(await listed(maker())).toEqual([toFirst, toSecond, sale].sort());
    expect(await listed(distributor1())).toEqual([toFirst, sale].sort());
    expect(await listed(distributor2())).toEqual([toSecond]);
    expect(await listed(principalOf("PARTNER", retailer2))).toEqual([]);
    expect(await listed(inspector())).toEqual([toFirst, toSecond, sale].sort());
  });
});
