import { beforeAll, describe, expect, it } from "vitest";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  REGISTER_PRODUCT,
  SCAN,
  SHIP,
  cableProduct,
  registerChain,
  type ChainOrgs,
} from "../producer/producer-fixtures.js";

/**
 * Errors people can read (issue 14 item 9): with `Accept-Language: zh-CN` a message is said in Chinese from its field
 * and rule, the English kept beside it; without, English; codes, fields and rules never change. Scans and shipments
 * dated in the future are refused.
 */

interface GraphqlErrorBody {
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe("errors in the caller's language; no events from the future", () => {
  const server = useTestApp();
  let orgs: ChainOrgs;

  beforeAll(async () => {
    orgs = await registerChain(uniqueSuffix());
  });

  const register = async (headers: Record<string, string>) => {
    const response = await authFetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({
        query: REGISTER_PRODUCT,
        variables: { input: cableProduct(orgs.maker, "PER_ITEM", { category: "五金工具" }) },
      }),
    });
    return ((await response.json()) as GraphqlErrorBody).errors?.[0];
  };

  it("says a bad input in Chinese when the caller prefers it, keeping code, field, rule and the English", async () => {
    const error = await register({ "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" });
    expect(error?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.category",
      rule: "product category",
    });
    expect(error?.message).toContain("产品类别");
    expect(error?.message).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
    expect(String(error?.extensions?.englishMessage)).toContain("productCategories");
  });

  it("answers in English otherwise", async () => {
    const variants: Record<string, string>[] = [{}, { "accept-language": "en-US,en;q=0.9,zh;q=0.5" }];
    for (const headers of variants) {
      const error = await register(headers);
      expect(error?.message).toContain("is not a category code or name");
      expect(error?.extensions?.englishMessage).toBeUndefined();
    }
  });

  it("says REST problems in Chinese too, with their code and the English beside", async () => {
    const res = await authFetch(`${server.base}/batches/nope-${uniqueSuffix()}/codes.csv?copies=0`, {
      headers: { "accept-language": "zh-CN" },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: Record<string, string> };
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "copies" });
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(error.englishMessage).toContain("copies");
  });

  it("says the EPCIS REST binding's problems in Chinese too, keeping code, errors and the English title", async () => {
    const zh = { "accept-language": "zh-CN,zh;q=0.9" };
    const invalid = await authFetch(`${server.base}/epcis/capture`, {
      method: "POST",
      headers: { "content-type": "application/json", ...zh },
      body: JSON.stringify({ type: "EPCISDocument", epcisBody: { eventList: [{ type: "ObjectEvent" }] } }),
    });
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ code: "BAD_USER_INPUT", field: "document", rule: "EPCIS 2.0 document" });
    expect(problem.title).toBe("EPCIS 文档无效，未采集任何事件（各事件的问题见 errors）");
    expect(String(problem.englishTitle)).toContain("EPCIS document is invalid");
    expect(Array.isArray(problem.errors)).toBe(true);
    const media = await authFetch(`${server.base}/epcis/capture`, {
      method: "POST",
      headers: { "content-type": "text/plain", ...zh },
      body: "x",
    });
    expect(media.status).toBe(415);
    expect(((await media.json()) as { title: string }).title).toMatch(/^不支持的内容类型/);
    const english = await authFetch(`${server.base}/epcis/capture/nope-${uniqueSuffix()}`);
    const notFound = (await english.json()) as Record<string, unknown>;
    expect(notFound).toMatchObject({ code: "NOT_FOUND" });
    expect(String(notFound.title)).toContain("no capture job");
    expect(notFound.englishTitle).toBeUndefined();
  });

  it("says a refused credential in Chinese on /graphql too, before anything runs", async () => {
    const response = await fetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "zh-CN" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(401);
    const error = ((await response.json()) as GraphqlErrorBody).errors?.[0];
    expect(error?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(error?.message).toMatch(/凭证/);
    expect(String(error?.extensions?.englishMessage)).toContain("credential");
  });

  it("refuses a scan or a shipment dated in the future", async () => {
    const nextYear = new Date(Date.now() + 365 * 24 * 3600_000).toISOString();
    const scan = await gqlAs(principalOf("PARTNER", orgs.szRetailer), SCAN, {
      input: {
        code: "https://id.gs1.org/01/06901234567892/21/ABC",
        regionCode: "440305",
        scannedAt: nextYear,
        role: "RETAILER",
      },
    });
    expect(scan.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.scannedAt",
      rule: "not in the future",
    });
    const ship = await gqlAs(principalOf("MANUFACTURER", orgs.maker), SHIP, {
      input: {
        codes: ["https://id.gs1.org/01/06901234567892/21/ABC"],
        fromOrganizationId: orgs.maker,
        toOrganizationId: orgs.gdDistributor,
        shippedAt: nextYear,
      },
    });
    expect(ship.errors?.[0]?.extensions).toMatchObject({ field: "input.shippedAt", rule: "not in the future" });
  });
});
