import { beforeAll, describe, expect, it } from "vitest";
import { gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
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

/** A reel of cable (COMBINED, no GTIN: our own codes throughout): coded, linked, released, shipped and scanned. */
describe("native events in the EPCIS query interface", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let batch: BatchData;
  let reel: string;
  let segments: string[];
  let item: string;
  let shipmentEvent: string;
  let scanEvent: string;

  const issue = async (codeType: string, count: number) =>
    (
      await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, {
        input: { batchId: batch.id, count, codeType },
        first: 10,
      })
    ).issueCodes.codes.edges.map((e) => e.node.value);

  async function eventIds(filter: Record<string, unknown>): Promise<string[]> {
    const data = await gqlData<EventsData>(EVENTS, { filter });
    return data.events.edges.map((e) => e.node.eventId).sort();
  }

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    const product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "COMBINED", { id: `epcis-reel-${suffix}` }),
      })
    ).registerProduct;
    batch = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(product.id, `E${suffix}`) }))
      .createBatch;
    [reel] = (await issue("MOTHER", 1)) as [string];
    segments = await issue("SEGMENT", 2);
    [item] = (await issue("ITEM", 1)) as [string];
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
    shipmentEvent = shipped.recordShipment.eventId;
    const scanned = await gqlData<{ recordScan: ScanData }>(SCAN, {
      input: { code: item, regionCode: "440101", scannedAt: new Date().toISOString(), role: "RETAILER" },
    });
    scanEvent = scanned.recordScan.eventId;
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
});
