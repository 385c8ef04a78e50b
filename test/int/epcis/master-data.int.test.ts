import { randomInt, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { gs1CheckDigit } from "../../../src/codes/index.js";
import { EPCIS_CONTEXT } from "../../../src/epcis/query-document.js";
import { epcisSchemaErrors } from "../../../src/epcis/schema-validator.js";
import { query } from "../../../src/graph/query.js";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { gqlData } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import { registerChain, type ChainOrgs } from "../producer/producer-fixtures.js";

/**
 * EPCIS master data (issue 16 item 6): the vocabularies of `epcisHeader.epcisMasterData` are captured (again: updated,
 * never doubled), linked to our locations and organisations (a Party by its GLN), served with the events that use them
 * in query documents and by `masterData(type, id)`, and seen only by whom API-CONTRACT §6 lets see them.
 */

const CAPTURE = `mutation($document: JSONObject!) { captureEpcis(document: $document) { accepted duplicates } }`;
const MASTER_DATA = `query($type: String!, $id: String!) {
  masterData(type: $type, id: $id) { vtype id key name address attributes children organizationId locationId objectKey }
}`;
const UPSERT_LOCATION = `mutation($input: LocationInput!) { upsertLocation(input: $input) { id } }`;
const ADD_IDENTIFIERS = `mutation($organizationId: String!, $identifiers: [String!]!) {
  addOrganizationIdentifiers(organizationId: $organizationId, identifiers: $identifiers) { id }
}`;

const BUSINESS_LOCATION = "urn:epcglobal:epcis:vtype:BusinessLocation";
const READ_POINT = "urn:epcglobal:epcis:vtype:ReadPoint";
const PARTY = "urn:epcglobal:epcis:vtype:Party";
const EPC_CLASS = "urn:epcglobal:epcis:vtype:EPCClass";

interface Element {
  vtype: string;
  id: string;
  key: string;
  name: string | null;
  address: Record<string, unknown> | null;
  attributes: { id: string; attribute: unknown }[];
  children: string[];
  organizationId: string | null;
  locationId: string | null;
  objectKey: string | null;
}

interface QueryDocument {
  "@context": unknown[];
  epcisBody: {
    queryResults: {
      resultsBody: {
        eventList: Record<string, unknown>[];
        vocabularyList?: { type: string; vocabularyElementList: { id: string }[] }[];
      };
    };
  };
}

/** Company prefix 6901240 with a random location reference: a fresh SGLN site and two read points under it. */
function randomSite() {
  const ref = String(randomInt(100_000)).padStart(5, "0");
  return {
    site: `urn:epc:id:sgln:6901240.${ref}.0`,
    dock: `urn:epc:id:sgln:6901240.${ref}.1`,
    gate: `urn:epc:id:sgln:6901240.${ref}.2`,
  };
}

function randomPgln(): { urn: string; digits: string } {
  const ref = String(randomInt(1_000_000)).padStart(6, "0");
  return { urn: `urn:epc:id:pgln:690124.${ref}`, digits: `690124${ref}${gs1CheckDigit(`690124${ref}`)}` };
}

/**
 * A document shaped as GS1's example 9.8.1 (master data: a business location with its children, read points with CBV
 * attributes and a structured address), in EPCIS 2.0's final spelling, plus a party, a product class and one event
 * that uses them.
 */
function masterDataDocument(ids: ReturnType<typeof randomSite>, party: string, siteName: string, eventID: string) {
  return {
    "@context": [EPCIS_CONTEXT, { xmda: "http://epcis.example.com/mda/" }],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-03-01T08:00:00+08:00",
    epcisHeader: {
      epcisMasterData: {
        vocabularyList: [
          {
            type: BUSINESS_LOCATION,
            vocabularyElementList: [
              {
                id: ids.site,
                attributes: [
                  { id: "urn:epcglobal:cbv:mda#name", attribute: siteName },
                  { id: "urn:epcglobal:cbv:mda#city", attribute: "广州" },
                  { id: "urn:epcglobal:cbv:mda#countryCode", attribute: "CN" },
                  {
                    id: "xmda:address",
                    attribute: {
                      "@context": { "@vocab": "http://epcis.example.com/ns/" },
                      type: "Address",
                      street: "黄埔大道 100 号",
                      city: "广州",
                      zip: "510000",
                    },
                  },
                ],
                children: [ids.dock, ids.gate],
              },
            ],
          },
          {
            type: READ_POINT,
            vocabularyElementList: [
              { id: ids.dock, attributes: [{ id: "cbvmda:sst", attribute: 201 }] },
              { id: ids.gate, attributes: [{ id: "cbvmda:sst", attribute: "202" }] },
            ],
          },
          {
            type: PARTY,
            vocabularyElementList: [
              { id: party, attributes: [{ id: "urn:epcglobal:cbv:mda#name", attribute: "南粤机电（EPCIS 主数据）" }] },
            ],
          },
          {
            type: EPC_CLASS,
            vocabularyElementList: [
              {
                id: "urn:epc:class:lgtin:6901234.100001.CU260105",
                attributes: [{ id: "urn:epcglobal:cbv:mda#descriptionShort", attribute: "铜杆 8mm" }],
              },
            ],
          },
        ],
      },
    },
    epcisBody: {
      eventList: [
        {
          type: "ObjectEvent",
          eventID,
          eventTime: "2026-03-01T08:00:00+08:00",
          eventTimeZoneOffset: "+08:00",
          epcList: [`urn:epc:id:sgtin:6901234.100001.${randomInt(1_000_000)}`],
          action: "OBSERVE",
          bizStep: "receiving",
          readPoint: { id: ids.dock },
          bizLocation: { id: ids.site },
          sourceList: [{ type: "owning_party", source: party }],
        },
      ],
    },
  };
}

describe("EPCIS master data", () => {
  const server = useTestApp();
  const suffix = uniqueSuffix();
  const ids = randomSite();
  const pgln = randomPgln();
  const eventID = `urn:uuid:${randomUUID()}`;
  let orgs: ChainOrgs;
  const distributor = () => principalOf("PARTNER", orgs.gdDistributor);

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    await gqlData(ADD_IDENTIFIERS, { organizationId: orgs.gdDistributor, identifiers: [pgln.urn] });
    await gqlData(UPSERT_LOCATION, {
      input: { id: ids.site, name: `仓库 ${suffix}`, regionCode: "440101", organizationId: orgs.gdDistributor },
    });
    const captured = await gqlAs(distributor(), CAPTURE, {
      document: masterDataDocument(ids, pgln.urn, "南粤一号仓", eventID),
    });
    expect(captured.errors).toBeUndefined();
  });

  it("captures locations with name and address, linked to the registered location, in any spelling", async () => {
    const site = (await gqlData<{ masterData: Element }>(MASTER_DATA, { type: "BusinessLocation", id: ids.site }))
      .masterData;
    expect(site).toMatchObject({ vtype: BUSINESS_LOCATION, id: ids.site, name: "南粤一号仓" });
    expect(site.address).toMatchObject({ city: "广州", countryCode: "CN", address: { street: "黄埔大道 100 号" } });
    expect(site.locationId).toBe(site.key);
    expect(site.children).toHaveLength(2);
    // The Digital Link spelling of the same SGLN finds the same element.
    const sameByKey = await gqlData<{ masterData: Element }>(MASTER_DATA, { type: BUSINESS_LOCATION, id: site.key });
    expect(sameByKey.masterData.id).toBe(ids.site);
    const dock = await gqlData<{ masterData: Element }>(MASTER_DATA, { type: READ_POINT, id: ids.dock });
    expect(dock.masterData.attributes).toEqual([{ id: "cbvmda:sst", attribute: 201 }]);
  });

  it("links a party to the organisation that holds its GLN, and a class to the object it describes", async () => {
    const party = await gqlData<{ masterData: Element }>(MASTER_DATA, { type: PARTY, id: pgln.urn });
    expect(party.masterData).toMatchObject({ name: "南粤机电（EPCIS 主数据）", organizationId: orgs.gdDistributor });
    // The organisation's own id finds the Party element captured under its GLN.
    const byOrgId = await gqlData<{ masterData: Element }>(MASTER_DATA, { type: "Party", id: orgs.gdDistributor });
    expect(byOrgId.masterData).toMatchObject({ id: pgln.urn, organizationId: orgs.gdDistributor });
    const location = await gqlData<{ locationList: { edges: { node: { id: string; masterData: Element[] } }[] } }>(
      `query($org: String!) { locationList(filter: { organizationId: $org }) { edges { node { id masterData { vtype name } } } } }`,
      { org: orgs.gdDistributor },
    );
    const described = location.locationList.edges.flatMap((e) => e.node.masterData);
    expect(described).toContainEqual({ vtype: BUSINESS_LOCATION, name: "南粤一号仓" });
    const lot = await gqlData<{ masterData: Element }>(MASTER_DATA, {
      type: EPC_CLASS,
      id: "urn:epc:class:lgtin:6901234.100001.CU260105",
    });
    expect(lot.masterData.name).toBe("铜杆 8mm");
  });

  it("updates an element captured again instead of adding a second", async () => {
    const again = await gqlAs(distributor(), CAPTURE, {
      document: masterDataDocument(ids, pgln.urn, "南粤一号仓（扩建）", `urn:uuid:${randomUUID()}`),
    });
    expect(again.errors).toBeUndefined();
    const site = await gqlData<{ masterData: Element }>(MASTER_DATA, { type: BUSINESS_LOCATION, id: ids.site });
    expect(site.masterData.name).toBe("南粤一号仓（扩建）");
    const { executor } = await testServices();
    const rows = await executor.read(
      query(
        "test.masterData.count",
        "MATCH (m:MasterData {key: $key}) RETURN count(m) AS n, collect(DISTINCT m.vtype) AS types",
        { key: site.masterData.key },
      ),
    );
    expect(rows[0]).toEqual({ n: 1, types: [BUSINESS_LOCATION] });
  });

  it("serves the master data an event uses with it in its query document (results' vocabularyList)", async () => {
    const res = await authFetch(`${server.base}/epcis/events?EQ_eventID=${encodeURIComponent(eventID)}`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as QueryDocument;
    expect(doc.epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
    // GS1's schema gives a query document no epcisHeader: master data travels in the results' vocabularyList.
    const vocabularies = doc.epcisBody.queryResults.resultsBody.vocabularyList ?? [];
    const byType = Object.fromEntries(vocabularies.map((v) => [v.type, v.vocabularyElementList.map((e) => e.id)]));
    expect(byType[BUSINESS_LOCATION]).toEqual([ids.site]);
    expect(byType[READ_POINT]).toEqual([ids.dock]);
    expect(byType[PARTY]).toEqual([pgln.urn]);
    expect(doc["@context"]).toEqual([EPCIS_CONTEXT, { xmda: "http://epcis.example.com/mda/" }]);
    expect(epcisSchemaErrors(doc)).toEqual([]);
  });

  it("captures a document of master data alone (no events), as GS1's example 9.8.1 is", async () => {
    const other = randomSite();
    const document = masterDataDocument(other, randomPgln().urn, "仅主数据", "unused");
    document.epcisBody.eventList = [];
    const captured = await gqlAs<{ captureEpcis: { accepted: number } }>(distributor(), CAPTURE, { document });
    expect(captured.errors).toBeUndefined();
    expect(captured.data?.captureEpcis.accepted).toBe(0);
    const site = await gqlData<{ masterData: Element }>(MASTER_DATA, { type: BUSINESS_LOCATION, id: other.site });
    expect(site.masterData).toMatchObject({ name: "仅主数据", locationId: null });
    expect(site.masterData.children).toHaveLength(2);
  });

  it("shows an element to its capturer and to the parties of events using it, not to an unrelated party", async () => {
    const own = await gqlAs<{ masterData: Element | null }>(distributor(), MASTER_DATA, {
      type: BUSINESS_LOCATION,
      id: ids.site,
    });
    expect(own.data?.masterData?.name).toMatch(/南粤一号仓/);
    const stranger = await gqlAs<{ masterData: Element | null }>(
      principalOf("PARTNER", orgs.hnDistributor),
      MASTER_DATA,
      { type: BUSINESS_LOCATION, id: ids.site },
    );
    expect(stranger.errors).toBeUndefined();
    expect(stranger.data?.masterData).toBeNull();
    const regulator = await gqlAs<{ masterData: Element | null }>(principalOf("REGULATOR", null), MASTER_DATA, {
      type: BUSINESS_LOCATION,
      id: ids.site,
    });
    expect(regulator.data?.masterData?.id).toBe(ids.site);
  });
});
