import { randomInt, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { gs1CheckDigit } from "../../../src/codes/index.js";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { gqlData, type GqlResult } from "../../support/test-api.js";
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
} from "./producer-fixtures.js";

/**
 * One organisation, all its identifiers (issue 14 item 7): a maker known by its USCC in the producer's flow and by
 * its party GLN in EPCIS is one organisation; any identifier names it; a product needs a maker with a USCC; a GLN
 * belongs to one organisation.
 */

const ORG_FIELDS = "id name identifiers uscc glns";
const ADD = `mutation($organizationId: String!, $identifiers: [String!]!) {
  addOrganizationIdentifiers(organizationId: $organizationId, identifiers: $identifiers) { ${ORG_FIELDS} }
}`;
const ORGANIZATION = `query($id: String!) { organization(id: $id) { ${ORG_FIELDS} } }`;
const UPSERT = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { ${ORG_FIELDS} } }`;
const CAPTURE = `mutation($document: JSONObject!) { captureEpcis(document: $document) { accepted duplicates } }`;
const PRODUCTS = `query($maker: String!) { productList(filter: { manufacturerId: $maker }) { edges { node { id } } } }`;
const EVENTS = `query($epc: [String!]) { events(filter: { MATCH_epc: $epc }) { edges { node { eventId } } } }`;

interface OrgData {
  id: string;
  name: string;
  identifiers: string[];
  uscc: string | null;
  glns: string[];
}

/** A fresh party GLN: its PGLN URN (company prefix 690123, 6-digit reference) and canonical key. */
function randomGln(): { urn: string; key: string; digits: string } {
  const cp = "690123";
  const ref = String(randomInt(1_000_000)).padStart(6, "0");
  const digits = `${cp}${ref}${gs1CheckDigit(cp + ref)}`;
  return { urn: `urn:epc:id:pgln:${cp}.${ref}`, key: `https://id.gs1.org/417/${digits}`, digits };
}

function shipping(epc: string, from: string, to: string): Record<string, unknown> {
  return {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-02-01T00:00:00Z",
    epcisBody: {
      eventList: [
        {
          type: "ObjectEvent",
          eventID: `urn:uuid:${randomUUID()}`,
          eventTime: "2026-02-01T08:00:00+08:00",
          eventTimeZoneOffset: "+08:00",
          epcList: [epc],
          action: "OBSERVE",
          bizStep: "shipping",
          sourceList: [{ type: "owning_party", source: from }],
          destinationList: [{ type: "owning_party", destination: to }],
        },
      ],
    },
  };
}

function errorOf(result: GqlResult<unknown>) {
  return result.errors?.[0]?.extensions;
}

describe("one organisation, all its identifiers", () => {
  const suffix = uniqueSuffix();
  const gln = randomGln();
  let orgs: ChainOrgs;
  const maker = () => principalOf("MANUFACTURER", orgs.maker);

  beforeAll(async () => {
    orgs = await registerChain(suffix);
  });

  it("lets a maker add its GLN; the GLN, in any spelling, then names the maker", async () => {
    const added = await gqlAs<{ addOrganizationIdentifiers: OrgData }>(maker(), ADD, {
      organizationId: orgs.maker,
      identifiers: [gln.urn],
    });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addOrganizationIdentifiers).toMatchObject({
      id: orgs.maker,
      identifiers: [gln.key],
      uscc: orgs.maker,
      glns: [gln.key],
    });
    const again = await gqlAs<{ addOrganizationIdentifiers: OrgData }>(maker(), ADD, {
      organizationId: orgs.maker,
      identifiers: [gln.digits, `https://example.com/417/${gln.digits}`],
    });
    expect(again.data!.addOrganizationIdentifiers.identifiers).toEqual([gln.key]);
    for (const spelling of [gln.urn, gln.key, `https://example.com/417/${gln.digits}`]) {
      const found = await gqlAs<{ organization: OrgData | null }>(maker(), ORGANIZATION, { id: spelling });
      expect(found.data!.organization?.id).toBe(orgs.maker);
    }
  });

  it("meets the maker's EPCIS events (sent under its GLN) and its native batches in one trace", async () => {
    const product = (
      await gqlAs<{ registerProduct: ProductData }>(maker(), REGISTER_PRODUCT, {
        input: cableProduct(gln.urn, "PER_ITEM", { id: `oi-${suffix}` }),
      })
    ).data!.registerProduct;
    // Named by its GLN, the product is still the maker's, under the maker's own id.
    expect(product.manufacturerId).toBe(orgs.maker);
    const batch = (
      await gqlAs<{ createBatch: BatchData }>(maker(), CREATE_BATCH, { input: cableBatch(product.id, "OI1") })
    ).data!.createBatch;
    const issued = await gqlAs<{ issueCodes: IssueData }>(maker(), ISSUE_CODES, {
      input: { batchId: batch.id, count: 1 },
      first: 1,
    });
    const item = issued.data!.issueCodes.codes.edges[0]!.node;
    // The maker acts in an event whose sender is its GLN: without the identifier this is FORBIDDEN.
    const captured = await gqlAs<{ captureEpcis: { accepted: number } }>(maker(), CAPTURE, {
      document: shipping(item.url, gln.urn, orgs.gdDistributor),
    });
    expect(captured.errors).toBeUndefined();
    expect(captured.data!.captureEpcis.accepted).toBe(1);

    const trace = (await gqlAs<TraceData>(maker(), TRACE, { code: batch.key })).data!;
    expect(trace.down.edges).toContainEqual({ from: batch.key, to: item.value, kind: "IN_LOT" });
    expect(trace.down.edges).toContainEqual({ from: item.value, to: orgs.gdDistributor, kind: "SHIPPED_TO" });
    // The shipment was the maker's (it held the item), so the distributor received it and sees the native batch;
    // no second organisation exists under the GLN.
    const distributor = principalOf("PARTNER", orgs.gdDistributor);
    const seen = (await gqlAs<TraceData>(distributor, TRACE, { code: item.value })).data!;
    expect(seen.up.edges).toContainEqual({ from: batch.key, to: item.value, kind: "IN_LOT" });
    expect(seen.down.edges).toContainEqual({ from: item.value, to: orgs.gdDistributor, kind: "SHIPPED_TO" });
    const asGln = await gqlData<{ organization: OrgData | null }>(ORGANIZATION, { id: gln.key });
    expect(asGln.organization?.id).toBe(orgs.maker);
    // Lists filtered by the maker's GLN are the maker's lists.
    const listed = await gqlAs<{ productList: { edges: { node: { id: string } }[] } }>(maker(), PRODUCTS, {
      maker: gln.urn,
    });
    expect(listed.data!.productList.edges.map((e) => e.node.id)).toEqual([product.id]);
    const events = await gqlAs<{ events: { edges: { node: { eventId: string } }[] } }>(maker(), EVENTS, {
      epc: [item.value],
    });
    expect(events.data!.events.edges.length).toBeGreaterThanOrEqual(1);
    // A native shipment (after release) may name the sender by its GLN too.
    await gqlAs(maker(), RELEASE, { batchId: batch.id });
    const shipped = await gqlAs<{ recordShipment: { fromOrganizationId: string } }>(maker(), SHIP, {
      input: {
        codes: [item.value],
        fromOrganizationId: gln.key,
        toOrganizationId: orgs.hnDistributor,
        shippedAt: "2026-02-02T08:00:00+08:00",
      },
    });
    expect(shipped.errors?.[0]?.message).toBeUndefined();
    expect(shipped.data!.recordShipment.fromOrganizationId).toBe(orgs.maker);
  });

  it("updates the organisation a GLN names when upsertOrganization is given the GLN", async () => {
    const data = await gqlData<{ upsertOrganization: OrgData }>(UPSERT, {
      input: { id: gln.urn, name: `粤缆电线电缆（更名） ${suffix}`, roles: ["MANUFACTURER"], regionCode: "441900" },
    });
    expect(data.upsertOrganization).toMatchObject({ id: orgs.maker, identifiers: [gln.key] });
  });

  it("refuses a product whose maker has no USCC, then accepts it once the USCC is added", async () => {
    const partyOnly = randomGln();
    await gqlData(UPSERT, { input: { id: partyOnly.urn, name: `EPCIS 制造商 ${suffix}`, roles: ["MANUFACTURER"] } });
    const asParty = principalOf("MANUFACTURER", partyOnly.key);
    const refused = await gqlAs(asParty, REGISTER_PRODUCT, { input: cableProduct(partyOnly.urn, "PER_ITEM") });
    expect(errorOf(refused)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.manufacturerId",
      rule: "maker has a USCC",
    });
    const uscc = randomUscc("440600");
    const added = await gqlAs<{ addOrganizationIdentifiers: OrgData }>(asParty, ADD, {
      organizationId: partyOnly.key,
      identifiers: [uscc],
    });
    expect(added.data!.addOrganizationIdentifiers).toMatchObject({ id: partyOnly.key, uscc, glns: [partyOnly.key] });
    const registered = await gqlAs<{ registerProduct: ProductData }>(asParty, REGISTER_PRODUCT, {
      input: cableProduct(uscc, "PER_ITEM"),
    });
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerProduct.manufacturerId).toBe(partyOnly.key);
    const second = await gqlAs(asParty, ADD, { organizationId: partyOnly.key, identifiers: [randomUscc("440600")] });
    expect(errorOf(second)).toMatchObject({ code: "CONFLICT", rule: "one USCC per organisation" });
  });

  it("refuses a GLN that belongs to another organisation (CONFLICT), and leaves both unchanged", async () => {
    const asRetailer = principalOf("PARTNER", orgs.szRetailer);
    const taken = await gqlAs(asRetailer, ADD, { organizationId: orgs.szRetailer, identifiers: [gln.key] });
    expect(errorOf(taken)).toMatchObject({
      code: "CONFLICT",
      field: "identifiers[0]",
      rule: "identifier of one organisation",
    });
    // A GLN EPCIS events made an organisation of its own cannot be taken over either.
    const epcisParty = randomGln();
    const asMaker = principalOf("MANUFACTURER", orgs.maker);
    const sent = await gqlAs(asMaker, CAPTURE, {
      document: shipping(`urn:epc:id:sgtin:0614141.107346.${suffix}`, orgs.maker, epcisParty.urn),
    });
    expect(sent.errors).toBeUndefined();
    const own = await gqlAs(asRetailer, ADD, { organizationId: orgs.szRetailer, identifiers: [epcisParty.digits] });
    expect(errorOf(own)).toMatchObject({ code: "CONFLICT", rule: "identifier of one organisation" });
    const retailer = await gqlAs<{ organization: OrgData }>(asRetailer, ORGANIZATION, { id: orgs.szRetailer });
    expect(retailer.data!.organization.identifiers).toEqual([]);
  });

  it("lets only ADMIN or the organisation itself add identifiers", async () => {
    const rival = principalOf("PARTNER", orgs.gdDistributor);
    const foreign = await gqlAs(rival, ADD, { organizationId: orgs.hnDistributor, identifiers: [randomGln().urn] });
    expect(["FORBIDDEN", "NOT_FOUND"]).toContain(errorOf(foreign)?.code);
    const regulator = principalOf("REGULATOR", orgs.gdDistributor);
    const byRegulator = await gqlAs(regulator, ADD, {
      organizationId: orgs.gdDistributor,
      identifiers: [randomGln().urn],
    });
    expect(errorOf(byRegulator)?.code).toBe("FORBIDDEN");
    const bad = await gqlAs(principalOf("PARTNER", orgs.gdDistributor), ADD, {
      organizationId: orgs.gdDistributor,
      identifiers: ["urn:epc:id:sgln:690123.00001.0"],
    });
    expect(errorOf(bad)).toMatchObject({ code: "BAD_USER_INPUT", field: "identifiers[0]" });
  });
});
