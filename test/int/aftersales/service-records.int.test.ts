import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { dataOf, firstErrorCode, gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { makeBatch, randomUscc, type MadeBatch } from "../http/http-fixtures.js";

/**
 * Issue 15 item 3: service records (repair, return, replacement) on a code, by its maker or a service partner the
 * maker authorised (API-CONTRACT §6), listed for the maker and whoever recorded them, invisible to anyone else.
 */

const UPSERT_ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`;
const AUTHORIZE = `mutation($partnerId: String!, $allowed: Boolean) {
  authorizeServicePartner(partnerId: $partnerId, allowed: $allowed)
}`;
const RECORD = `mutation($input: ServiceRecordInput!) {
  recordService(input: $input) { id objectKey kind note actorOrganizationId manufacturerId batchId duplicate }
}`;
const RECORDS = `query($code: String, $batchId: ID, $first: Int) {
  serviceRecords(code: $code, batchId: $batchId, first: $first) {
    edges { node { id objectKey kind note actorOrganizationId } }
    pageInfo { hasNextPage }
  }
}`;

interface Records {
  serviceRecords: { edges: { node: { id: string; kind: string; actorOrganizationId: string | null } }[] };
}

describe("after-sales service records (issue 15 item 3)", () => {
  const suffix = uniqueSuffix();
  let made: MadeBatch;
  let otherMade: MadeBatch;
  const servicePartner = randomUscc("440305");
  const stranger = randomUscc("430102");
  const maker = () => principalOf("MANUFACTURER", made.maker);
  const partner = () => principalOf("PARTNER", servicePartner);
  const strangerParty = () => principalOf("PARTNER", stranger);
  const otherMaker = () => principalOf("MANUFACTURER", otherMade.maker);

  const records = async (as: ReturnType<typeof maker>, vars: Record<string, unknown>) =>
    dataOf(await gqlAs<Records>(as, RECORDS, vars)).serviceRecords.edges.map((e) => e.node);

  beforeAll(async () => {
    made = await makeBatch({ suffix, count: 2, release: true });
    otherMade = await makeBatch({ suffix: `${suffix}o`, count: 1, release: true });
    for (const [id, name] of [
      [servicePartner, "鹏城家电维修"],
      [stranger, "湘江五金"],
    ] as const) {
      await gqlData(UPSERT_ORG, { input: { id, name: `${name} ${suffix}`, roles: ["RETAILER"] } });
    }
  });

  it("lets a maker authorise a service partner, which then records a repair, idempotently by its id", async () => {
    expect(dataOf(await gqlAs(maker(), AUTHORIZE, { partnerId: servicePartner }))).toEqual({
      authorizeServicePartner: true,
    });
    const input = { code: made.codes[0], kind: "REPAIR", note: "更换点火器", serviceId: `RMA-${suffix}` };
    const first = dataOf(await gqlAs<{ recordService: Record<string, unknown> }>(partner(), RECORD, { input }));
    expect(first.recordService).toMatchObject({
      objectKey: made.codes[0],
      kind: "REPAIR",
      note: "更换点火器",
      actorOrganizationId: servicePartner,
      manufacturerId: made.maker,
      batchId: made.batch.id,
      duplicate: false,
    });
    const again = dataOf(
      await gqlAs<{ recordService: Record<string, unknown> }>(partner(), RECORD, {
        input: { ...input, note: "重复提交" },
      }),
    );
    expect(again.recordService).toMatchObject({ id: first.recordService.id, note: "更换点火器", duplicate: true });
  });

  it("lets the maker record a return on its own code", async () => {
    const result = await gqlAs(maker(), RECORD, { input: { code: made.codes[0], kind: "RETURN" } });
    expect(dataOf(result)).toMatchObject({ recordService: { kind: "RETURN", actorOrganizationId: made.maker } });
  });

  it("refuses a party that is neither the maker nor its service partner, as if the code did not exist", async () => {
    const input = { code: made.codes[0], kind: "REPLACEMENT" };
    expect(firstErrorCode(await gqlAs(strangerParty(), RECORD, { input }))).toBe("NOT_FOUND");
    expect(firstErrorCode(await gqlAs(otherMaker(), RECORD, { input }))).toBe("NOT_FOUND");
    expect(firstErrorCode(await gqlAs(principalOf("REGULATOR", null), RECORD, { input }))).toBe("FORBIDDEN");
    // Another maker's partner authorisation grants nothing on this maker's codes.
    await gqlAs(otherMaker(), AUTHORIZE, { partnerId: stranger });
    expect(firstErrorCode(await gqlAs(strangerParty(), RECORD, { input }))).toBe("NOT_FOUND");
  });

  it("lists the records for the maker, by code and by batch; the partner sees its own", async () => {
    const byCode = await records(maker(), { code: made.codes[0] });
    expect(byCode.map((r) => r.kind).sort()).toEqual(["REPAIR", "RETURN"]);
    expect((await records(maker(), { batchId: made.batch.id })).map((r) => r.kind).sort()).toEqual([
      "REPAIR",
      "RETURN",
    ]);
    expect((await records(partner(), { code: made.codes[0] })).map((r) => r.kind)).toEqual(["REPAIR"]);
    expect(await records(principalOf("REGULATOR", null), { code: made.codes[0] })).toHaveLength(2);
  });

  it("shows nothing to an unrelated party", async () => {
    expect(await records(strangerParty(), { code: made.codes[0] })).toEqual([]);
    expect(await records(otherMaker(), { code: made.codes[0] })).toEqual([]);
    expect(await records(otherMaker(), { batchId: made.batch.id })).toEqual([]);
  });

  it("pages in id order and needs exactly one of code and batchId", async () => {
    const page = dataOf(
      await gqlAs<Records & { serviceRecords: { pageInfo: { hasNextPage: boolean } } }>(maker(), RECORDS, {
        code: made.codes[0],
        first: 1,
      }),
    );
    expect(page.serviceRecords.edges).toHaveLength(1);
    expect(page.serviceRecords.pageInfo.hasNextPage).toBe(true);
    expect(firstErrorCode(await gqlAs(maker(), RECORDS, {}))).toBe("BAD_USER_INPUT");
    expect(firstErrorCode(await gqlAs(maker(), RECORDS, { code: made.codes[0], batchId: made.batch.id }))).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("stops the partner once the maker revokes it", async () => {
    await gqlAs(maker(), AUTHORIZE, { partnerId: servicePartner, allowed: false });
    const result = await gqlAs(partner(), RECORD, { input: { code: made.codes[1], kind: "REPAIR" } });
    expect(firstErrorCode(result)).toBe("NOT_FOUND");
    // A partner may not authorise partners, and a maker only its own.
    expect(firstErrorCode(await gqlAs(partner(), AUTHORIZE, { partnerId: stranger }))).toBe("FORBIDDEN");
  });
});
