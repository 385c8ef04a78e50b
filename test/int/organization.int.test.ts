import { describe, expect, it } from "vitest";
import { gql, gqlData, firstErrorCode } from "../support/test-api.js";
import { uniqueSuffix } from "../support/test-services.js";
import { gs1CheckDigit } from "../../src/codes/index.js";
import { randomUscc } from "../support/random-identifiers.js";

const UPSERT = `mutation($input: OrganizationInput!) {
  upsertOrganization(input: $input) { id name roles regionCode authorizedRegions }
}`;
const UPSERT_LOCATION = `mutation($input: LocationInput!) { upsertLocation(input: $input) { id name regionCode organizationId } }`;

function randomPgln(): { urn: string; key: string } {
  const cp = "6901234";
  const ref = String(Math.floor(Math.random() * 1e5)).padStart(5, "0");
  const gln = `${cp}${ref}${gs1CheckDigit(cp + ref)}`;
  return { urn: `urn:epc:id:pgln:${cp}.${ref}`, key: `https://id.gs1.org/417/${gln}` };
}

describe("organisations and locations", () => {
  it("registers an organisation idempotently under its canonical id, whichever spelling is used", async () => {
    const pgln = randomPgln();
    const input = {
      id: pgln.urn,
      name: "长沙湘江五金批发有限公司",
      roles: ["DISTRIBUTOR"],
      regionCode: "430102",
      authorizedRegions: ["430000"],
    };
    const first = await gqlData<{ upsertOrganization: { id: string } }>(UPSERT, { input });
    expect(first.upsertOrganization.id).toBe(pgln.key);
    const second = await gqlData<{ upsertOrganization: { id: string; name: string } }>(UPSERT, {
      input: { ...input, id: `https://any.example/417/${pgln.key.split("/").at(-1)}`, name: "湘江五金" },
    });
    expect(second.upsertOrganization).toMatchObject({ id: pgln.key, name: "湘江五金" });
  });

  it("accepts a unified social credit code and rejects one with a wrong check character", async () => {
    const id = randomUscc("440300");
    const ok = await gqlData<{ upsertOrganization: { id: string } }>(UPSERT, {
      input: { id: id.toLowerCase(), name: "深圳市南山区鹏城五金店", roles: ["RETAILER"] },
    });
    expect(ok.upsertOrganization.id).toBe(id);
    const last = id.at(-1) === "0" ? "1" : "0";
    const bad = await gql(UPSERT, { input: { id: id.slice(0, -1) + last, name: "x", roles: ["RETAILER"] } });
    expect(firstErrorCode(bad)).toBe("BAD_USER_INPUT");
  });

  it("rejects a region code that is not GB/T 2260, naming the field", async () => {
    const bad = await gql(UPSERT, {
      input: { id: randomUscc(), name: "x", roles: ["RETAILER"], authorizedRegions: ["440000", "4403"] },
    });
    expect(firstErrorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.extensions?.field).toBe("input.authorizedRegions[1]");
  });

  it("registers a location by SGLN with its region", async () => {
    const ref = String(Math.floor(Math.random() * 1e5)).padStart(5, "0");
    const suffix = uniqueSuffix();
    const data = await gqlData<{ upsertLocation: { id: string; regionCode: string } }>(UPSERT_LOCATION, {
      input: { id: `urn:epc:id:sgln:6901234.${ref}.${suffix.slice(0, 4)}`, name: "门店", regionCode: "440305" },
    });
    expect(data.upsertLocation.id).toMatch(/^https:\/\/id\.gs1\.org\/414\/6901234\d{6}\/254\//);
    expect(data.upsertLocation.regionCode).toBe("440305");
  });
});
