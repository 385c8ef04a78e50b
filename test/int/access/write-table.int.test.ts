import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import type { GqlResult } from "../../support/test-api.js";
import { gqlData } from "../../support/test-api.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import {
  CORRECT,
  CREATE_BATCH,
  ISSUE_CODES,
  LINK,
  REGISTER_PRODUCT,
  RELEASE,
  SCAN,
  SHIP,
  UPDATE_INFO,
  cableBatch,
  cableProduct,
  randomUscc,
  registerChain,
  type BatchData,
  type ChainOrgs,
  type IssueData,
  type ProductData,
} from "../producer/producer-fixtures.js";

/**
 * API-CONTRACT §6, "What each role may change": one negative test per row of the write table (and the positive
 * case beside it), through the GraphQL API as principals of each role.
 */

const UPSERT_ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`;
const UPSERT_LOCATION = `mutation($input: LocationInput!) { upsertLocation(input: $input) { id } }`;
const VOID = `mutation($code: String!) { voidCode(code: $code, reason: "损坏") { value status } }`;
const CAPTURE = `mutation($document: JSONObject!) { captureEpcis(document: $document) { accepted duplicates } }`;
const TRANSFER = `mutation($from: String!, $to: String!) { authorizeTransfer(fromOrganizationId: $from, toOrganizationId: $to) }`;

const CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"];

function code(result: GqlResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code as string | undefined;
}

/** A shipping ObjectEvent of one SGTIN from `from` to `to` (uscc: ids are URIs, as EPCIS parties may be). */
function shippingEvent(id: string, from: string, to: string): Record<string, unknown> {
  return {
    type: "ObjectEvent",
    eventID: `urn:uuid:${id}`,
    eventTime: "2026-02-01T08:00:00+08:00",
    eventTimeZoneOffset: "+08:00",
    epcList: [`urn:epc:id:sgtin:0614141.107346.${id.slice(0, 8)}`],
    action: "OBSERVE",
    bizStep: "shipping",
    sourceList: [{ type: "owning_party", source: from }],
    destinationList: [{ type: "owning_party", destination: to }],
  };
}

function document(events: Record<string, unknown>[]): Record<string, unknown> {
  return {
    "@context": CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-02-01T00:00:00Z",
    epcisBody: { eventList: events },
  };
}

function uuid(): string {
  return crypto.randomUUID();
}

describe("the write table of API-CONTRACT §6", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let otherMaker: string;
  let regulator: string;
  let product: ProductData;
  let batch: BatchData;
  let itemCodes: string[];
  let updated: BatchData;

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    otherMaker = randomUscc("440600");
    regulator = randomUscc("440000");
    await gqlData(UPSERT_ORG, { input: { id: otherMaker, name: `佛山燃气具 ${suffix}`, roles: ["MANUFACTURER"] } });
    await gqlData(UPSERT_ORG, {
      input: { id: regulator, name: `广东省市场监督管理局 ${suffix}`, roles: ["REGULATOR"] },
    });
    const maker = principalOf("MANUFACTURER", orgs.maker);
    const registered = await gqlAs<{ registerProduct: ProductData }>(maker, REGISTER_PRODUCT, {
      input: cableProduct(orgs.maker, "PER_ITEM", { id: `wt-${suffix}` }),
    });
    product = registered.data!.registerProduct;
    batch = (await gqlAs<{ createBatch: BatchData }>(maker, CREATE_BATCH, { input: cableBatch(product.id, "WT1") }))
      .data!.createBatch;
    const issued = await gqlAs<{ issueCodes: IssueData }>(maker, ISSUE_CODES, {
      input: { batchId: batch.id, count: 3 },
      first: 3,
    });
    itemCodes = issued.data!.issueCodes.codes.edges.map((e) => e.node.value);
    const update = await gqlAs<{ updateBatchInfo: BatchData }>(maker, UPDATE_INFO, {
      batchId: batch.id,
      extended: { warranty: "2 年" },
      reason: "补录",
      note: "质检员 李",
    });
    updated = update.data!.updateBatchInfo;
    batch = (await gqlAs<{ releaseBatch: BatchData }>(maker, RELEASE, { batchId: batch.id })).data!.releaseBatch;
  });

  describe("MANUFACTURER", () => {
    const maker = () => principalOf("MANUFACTURER", orgs.maker);
    const rival = () => principalOf("MANUFACTURER", otherMaker);

    it("writes its own products, batches and codes, and the actor of each change is its credential", () => {
      expect(product.manufacturerId).toBe(orgs.maker);
      expect(itemCodes).toHaveLength(3);
      expect(updated.revisions.at(-1)).toMatchObject({
        actor: maker().credentialId,
        actorOrganizationId: orgs.maker,
        note: "质检员 李",
      });
      expect(batch.status).toBe("RELEASED");
    });

    it("may not register a product of another maker (FORBIDDEN)", async () => {
      const result = await gqlAs(maker(), REGISTER_PRODUCT, { input: cableProduct(otherMaker, "PER_ITEM") });
      expect(code(result)).toBe("FORBIDDEN");
    });

    it("sees another maker's batch, product and codes as if they did not exist (NOT_FOUND)", async () => {
      const attempts = [
        gqlAs(rival(), CREATE_BATCH, { input: cableBatch(product.id, "RIVAL") }),
        gqlAs(rival(), RELEASE, { batchId: batch.id }),
        gqlAs(rival(), UPDATE_INFO, { batchId: batch.id, extended: { warranty: "0" }, reason: "x" }),
        gqlAs(rival(), CORRECT, { batchId: batch.id, extended: { warranty: "0" }, reason: "x" }),
        gqlAs(rival(), ISSUE_CODES, { input: { batchId: batch.id, count: 1 } }),
        gqlAs(rival(), VOID, { code: itemCodes[0] }),
        gqlAs(rival(), LINK, { parent: itemCodes[0], children: [{ code: itemCodes[1] }] }),
      ];
      for (const result of await Promise.all(attempts)) expect(code(result)).toBe("NOT_FOUND");
      // The answer is the one an unknown batch gets: nothing tells that this batch exists.
      const unknown = await gqlAs(rival(), RELEASE, { batchId: `${product.id}:NO-SUCH-${suffix}` });
      expect(unknown.errors?.[0]?.message).toBe(
        (await gqlAs(rival(), RELEASE, { batchId: `${product.id}:NO-SUCH-${suffix}` })).errors?.[0]?.message,
      );
      expect(code(unknown)).toBe("NOT_FOUND");
    });

    it("records the shipments it sends, not another party's (FORBIDDEN)", async () => {
      const own = await gqlAs(maker(), SHIP, {
        input: {
          codes: [itemCodes[0]],
          fromOrganizationId: orgs.maker,
          toOrganizationId: orgs.gdDistributor,
          shippedAt: "2026-01-20T00:00:00Z",
        },
      });
      expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
      const other = await gqlAs(maker(), SHIP, {
        input: {
          codes: [itemCodes[1]],
          fromOrganizationId: orgs.gdDistributor,
          toOrganizationId: orgs.szRetailer,
          shippedAt: "2026-01-21T00:00:00Z",
        },
      });
      expect(code(other)).toBe("FORBIDDEN");
    });

    it("may not record market scans, organisations, locations or transfer permits (FORBIDDEN)", async () => {
      const attempts = [
        gqlAs(maker(), SCAN, {
          input: { code: itemCodes[0], regionCode: "440305", scannedAt: "2026-01-22T00:00:00Z", role: "RETAILER" },
        }),
        gqlAs(maker(), UPSERT_ORG, { input: { id: randomUscc("440000"), name: "x", roles: ["RETAILER"] } }),
        gqlAs(maker(), UPSERT_LOCATION, { input: { id: "urn:epc:id:sgln:0614141.00001.0", regionCode: "440305" } }),
        gqlAs(maker(), TRANSFER, { from: orgs.gdDistributor, to: orgs.hnDistributor }),
      ];
      for (const result of await Promise.all(attempts)) expect(code(result)).toBe("FORBIDDEN");
    });
  });

  describe("PARTNER", () => {
    const distributor = () => principalOf("PARTNER", orgs.gdDistributor);

    it("records the shipments it sends and its own scans", async () => {
      const shipped = await gqlAs(distributor(), SHIP, {
        input: {
          codes: [itemCodes[0]],
          fromOrganizationId: orgs.gdDistributor,
          toOrganizationId: orgs.szRetailer,
          shippedAt: "2026-01-25T00:00:00Z",
        },
      });
      expect(shipped.errors, JSON.stringify(shipped.errors)).toBeUndefined();
      const scanned = await gqlAs(distributor(), SCAN, {
        input: { code: itemCodes[0], regionCode: "440101", scannedAt: "2026-01-26T00:00:00Z", role: "LOGISTICS" },
      });
      expect(scanned.errors).toBeUndefined();
    });

    it("may not write the producer's flow or another party's shipments (FORBIDDEN)", async () => {
      const attempts = [
        gqlAs(distributor(), REGISTER_PRODUCT, { input: cableProduct(orgs.gdDistributor, "PER_ITEM") }),
        gqlAs(distributor(), CREATE_BATCH, { input: cableBatch(product.id, "P1") }),
        gqlAs(distributor(), RELEASE, { batchId: batch.id }),
        gqlAs(distributor(), ISSUE_CODES, { input: { batchId: batch.id, count: 1 } }),
        gqlAs(distributor(), VOID, { code: itemCodes[2] }),
        gqlAs(distributor(), SHIP, {
          input: {
            codes: [itemCodes[2]],
            fromOrganizationId: orgs.maker,
            toOrganizationId: orgs.gdDistributor,
            shippedAt: "2026-01-27T00:00:00Z",
          },
        }),
      ];
      for (const result of await Promise.all(attempts)) expect(code(result)).toBe("FORBIDDEN");
    });

    it("captures EPCIS events it acts in, and refuses a whole document with one it does not, naming its index", async () => {
      const services = await testServices();
      const ownId = uuid();
      const own = await gqlAs(distributor(), CAPTURE, {
        document: document([shippingEvent(ownId, orgs.gdDistributor, orgs.szRetailer)]),
      });
      expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
      const first = uuid();
      const foreign = uuid();
      const mixed = await gqlAs(distributor(), CAPTURE, {
        document: document([
          shippingEvent(first, orgs.gdDistributor, orgs.szRetailer),
          shippingEvent(foreign, orgs.hnDistributor, orgs.szRetailer),
        ]),
      });
      expect(code(mixed)).toBe("FORBIDDEN");
      expect(mixed.errors?.[0]?.extensions).toMatchObject({ index: 1 });
      // Nothing of the document was written, not even the event the partner does act in.
      const rows = await services.executor.read({
        name: "test.events",
        cypher: "MATCH (e:Event) WHERE e.eventId IN $ids RETURN e.eventId AS id, e.actorOrganization AS actor",
        params: { ids: [`urn:uuid:${ownId}`, `urn:uuid:${first}`, `urn:uuid:${foreign}`] },
      });
      expect(rows).toEqual([{ id: `urn:uuid:${ownId}`, actor: orgs.gdDistributor }]);
    });
  });

  describe("REGULATOR", () => {
    const inspector = () => principalOf("REGULATOR", regulator);

    it("writes nothing in this contract (FORBIDDEN before anything is read)", async () => {
      const attempts = [
        gqlAs(inspector(), REGISTER_PRODUCT, { input: cableProduct(regulator, "PER_ITEM") }),
        gqlAs(inspector(), CREATE_BATCH, { input: cableBatch(product.id, "R1") }),
        gqlAs(inspector(), RELEASE, { batchId: `no-such-batch-${suffix}` }),
        gqlAs(inspector(), SHIP, {
          input: {
            codes: [itemCodes[2]],
            fromOrganizationId: regulator,
            toOrganizationId: orgs.maker,
            shippedAt: "2026-01-27T00:00:00Z",
          },
        }),
        gqlAs(inspector(), SCAN, {
          input: { code: itemCodes[2], regionCode: "440305", scannedAt: "2026-01-28T00:00:00Z", role: "INSPECTOR" },
        }),
        gqlAs(inspector(), CAPTURE, { document: document([shippingEvent(uuid(), regulator, orgs.maker)]) }),
        gqlAs(inspector(), UPSERT_ORG, { input: { id: randomUscc("440000"), name: "x", roles: ["RETAILER"] } }),
      ];
      for (const result of await Promise.all(attempts)) expect(code(result)).toBe("FORBIDDEN");
    });
  });

  describe("code lists (valid codes are secrets until applied)", () => {
    const CODES = `query($id: ID!) { batch(id: $id) { codes(first: 10) { edges { node { value } } } } }`;

    it("go to the batch's maker only: another maker or a partner gets NOT_FOUND, a regulator FORBIDDEN", async () => {
      const own = await gqlAs<{ batch: { codes: { edges: unknown[] } } }>(
        principalOf("MANUFACTURER", orgs.maker),
        CODES,
        { id: batch.id },
      );
      expect(own.data?.batch.codes.edges).toHaveLength(3);
      expect(code(await gqlAs(principalOf("MANUFACTURER", otherMaker), CODES, { id: batch.id }))).toBe("NOT_FOUND");
      expect(code(await gqlAs(principalOf("PARTNER", orgs.gdDistributor), CODES, { id: batch.id }))).toBe("NOT_FOUND");
      expect(code(await gqlAs(principalOf("REGULATOR", regulator), CODES, { id: batch.id }))).toBe("FORBIDDEN");
    });
  });
});
