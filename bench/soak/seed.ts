import { lgtinUrn, gtin14 } from "../generate/gs1-keys.js";
import { graphql } from "../lib/http-client.js";
import { randomGtin13, randomUscc } from "../../test/support/random-identifiers.js";

/**
 * The soak's small, realistic chain, written through the API as a producer and its partners would: a cable maker,
 * two distributors and a retailer, one 一物一码 product, a few released batches of item codes made from a supplier's
 * copper lot, shipped maker → Guangdong distributor → Shenzhen retailer (some to Hunan). Fresh ids on every run, so
 * a reused store never refuses a second run's batches.
 */
export interface SoakData {
  orgs: { maker: string; gdDistributor: string; hnDistributor: string; szRetailer: string };
  /** Item codes as issued (`XXXX-XXXX-XXXX-XXXX`), every one shipped at least once. */
  codes: string[];
  /** GS1 keys of the batches (lots) and of the supplier lot they consumed: the roots of lot-level reads. */
  lots: string[];
  /** The GTIN the soak's EPCIS captures commission fresh serials of. */
  captureGtin: string;
  counts: Record<string, number>;
}

const BATCHES = 3;
const CODES_PER_BATCH = 300;
const SHIPMENT_SIZE = 100;

const ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`;
const PRODUCT = `mutation($input: ProductInput!) { registerProduct(input: $input) { id } }`;
const BATCH = `mutation($input: BatchInput!) { createBatch(input: $input) { id key } }`;
const ISSUE = `mutation($input: IssueCodesInput!, $first: Int) {
  issueCodes(input: $input) { issued codes(first: $first) { edges { node { value } } } }
}`;
const RELEASE = `mutation($batchId: ID!) { releaseBatch(batchId: $batchId) { status } }`;
const SHIP = `mutation($input: ShipmentInput!) { recordShipment(input: $input) { id } }`;

export async function seedSoakData(url: string, stamp: string, log: (line: string) => void): Promise<SoakData> {
  const orgs = await registerOrganizations(url, stamp);
  const product = await graphql<{ registerProduct: { id: string } }>(url, PRODUCT, {
    input: {
      manufacturerId: orgs.maker,
      name: "聚氯乙烯绝缘电缆",
      brand: "粤缆",
      model: `BV 450/750V 2.5mm² soak-${stamp}`,
      category: "电线电缆",
      traceMode: "PER_ITEM",
      standardNo: "GB/T 5023.3-2008",
      gtin: randomGtin13(),
    },
  });
  const copperLot = lgtinUrn(gtin14(90_001), `CU${stamp}`);
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const codes: string[] = [];
  const lots: string[] = [];
  let shipments = 0;
  for (let b = 0; b < BATCHES; b++) {
    const batch = await graphql<{ createBatch: { id: string; key: string } }>(url, BATCH, {
      input: {
        productId: product.registerProduct.id,
        batchNo: `S${stamp}-${b}`,
        productionDate: day(3).slice(0, 10),
        quantity: CODES_PER_BATCH,
        unit: "卷",
        inspectionResult: "合格",
        licenceNo: "XK06-001-00123",
        cccCertNo: "2020010105123456",
        components: [copperLot],
      },
    });
    const issued = await graphql<{ issueCodes: { codes: { edges: { node: { value: string } }[] } } }>(url, ISSUE, {
      input: { batchId: batch.createBatch.id, count: CODES_PER_BATCH },
      first: CODES_PER_BATCH,
    });
    await graphql(url, RELEASE, { batchId: batch.createBatch.id });
    const batchCodes = issued.issueCodes.codes.edges.map((e) => e.node.value);
    shipments += await shipBatch(url, orgs, batchCodes, day(2), day(1));
    codes.push(...batchCodes);
    lots.push(batch.createBatch.key);
  }
  lots.push(copperLot);
  const counts = { organisations: 4, products: 1, batches: BATCHES, codes: codes.length, shipments };
  log(`[soak] seeded ${counts.batches} batches, ${counts.codes} item codes, ${counts.shipments} shipments`);
  return { orgs, codes, lots, captureGtin: gtin14(90_002), counts };
}

/**
 * Every code to the Guangdong distributor; from there 70 % on to the Shenzhen retailer, 20 % to Hunan. Returns the
 * number of shipments recorded.
 */
async function shipBatch(url: string, orgs: SoakData["orgs"], codes: string[], first: string, second: string) {
  let shipmentCount = 0;
  const ship = async (from: string, to: string, part: string[], at: string) => {
    for (let i = 0; i < part.length; i += SHIPMENT_SIZE) {
      const chunk = part.slice(i, i + SHIPMENT_SIZE);
      await graphql(url, SHIP, {
        input: { codes: chunk, fromOrganizationId: from, toOrganizationId: to, shippedAt: at },
      });
      shipmentCount += 1;
    }
  };
  await ship(orgs.maker, orgs.gdDistributor, codes, first);
  const toRetailer = Math.floor(codes.length * 0.7);
  await ship(orgs.gdDistributor, orgs.szRetailer, codes.slice(0, toRetailer), second);
  await ship(orgs.gdDistributor, orgs.hnDistributor, codes.slice(toRetailer, Math.floor(codes.length * 0.9)), second);
  return shipmentCount;
}

async function registerOrganizations(url: string, stamp: string): Promise<SoakData["orgs"]> {
  const orgs = {
    maker: randomUscc("441900"),
    gdDistributor: randomUscc("440101"),
    hnDistributor: randomUscc("430102"),
    szRetailer: randomUscc("440305"),
  };
  const register = (id: string, name: string, role: string, regionCode: string, authorizedRegions: string[]) =>
    graphql(url, ORG, { input: { id, name: `${name} soak-${stamp}`, roles: [role], regionCode, authorizedRegions } });
  await register(orgs.maker, "东莞粤缆电线电缆", "MANUFACTURER", "441900", ["441900"]);
  await register(orgs.gdDistributor, "广州南粤机电", "DISTRIBUTOR", "440101", ["440000"]);
  await register(orgs.hnDistributor, "长沙湘江五金", "DISTRIBUTOR", "430102", ["430000"]);
  await register(orgs.szRetailer, "深圳鹏城五金", "RETAILER", "440305", ["440305"]);
  return orgs;
}
