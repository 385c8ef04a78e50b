import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumerView } from "../../../src/consumer/consumer-view.js";
import type { App } from "../../../src/server/app.js";
import { firstErrorCode, gql, gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { CREATE_BATCH, ISSUE_CODES, LINK, RELEASE, type IssueData } from "../producer/producer-fixtures.js";
import { cableBatch, cableProduct } from "../producer/producer-fixtures.js";
import { randomUscc, startHttpApp } from "./http-fixtures.js";

/**
 * Issue 15 item 2: what a buyer needs on the page: the maker's customer service phone, address and website; the
 * warranty and after-sales terms; the inspection report; a bundle's contents; a segment's own range and length; the
 * recall notice with what to do. Only what the maker (or the operator registering it) entered is shown.
 */

const UPSERT_ORG = `mutation($input: OrganizationInput!) {
  upsertOrganization(input: $input) { id contact { servicePhone address website } }
}`;
const REGISTER_PRODUCT = `mutation($input: ProductInput!) { registerProduct(input: $input) { id } }`;
const SET_WARRANTY = `mutation($productId: ID!, $months: Int, $terms: String) {
  setProductWarranty(productId: $productId, warrantyMonths: $months, warrantyTerms: $terms) {
    id warrantyMonths warrantyTerms
  }
}`;
const RECALL = `mutation($batchId: ID!, $reason: String!, $advice: String) {
  recallBatch(batchId: $batchId, reason: $reason, advice: $advice) { status }
}`;

const BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";
const TERMS = "整机保修两年，电源模块保修三年。\n人为损坏、私自拆修不在保修范围内。";

async function page(base: string, code: string): Promise<string> {
  return (await fetch(`${base}/t/${code}`, { headers: { "user-agent": BROWSER } })).text();
}

async function view(base: string, code: string): Promise<ConsumerView> {
  const res = await fetch(`${base}/t/${code}`, { headers: { accept: "application/json", "user-agent": BROWSER } });
  return (await res.json()) as ConsumerView;
}

describe("what a buyer needs on the consumer page (issue 15 item 2)", () => {
  const suffix = uniqueSuffix();
  const maker = randomUscc("441900");
  let app: App;
  let base: string;
  let productId: string;
  let batchId: string;
  let mother: string;
  let segments: string[];
  let bundle: string;
  let items: string[];

  const issue = async (codeType: string, count: number) =>
    (
      await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, { input: { batchId, count, codeType }, first: 100 })
    ).issueCodes.codes.edges.map((e) => e.node.value);

  beforeAll(async () => {
    ({ app, base } = await startHttpApp());
    const { upsertOrganization } = await gqlData<{ upsertOrganization: { contact: unknown } }>(UPSERT_ORG, {
      input: {
        id: maker,
        name: `粤缆电线电缆 ${suffix}`,
        roles: ["MANUFACTURER"],
        regionCode: "441900",
        contact: {
          servicePhone: "400-820-8820",
          address: "广东省东莞市松山湖高新区工业北路 8 号",
          website: "https://www.yuelan-cable.example.cn/service",
        },
      },
    });
    expect(upsertOrganization.contact).toEqual({
      servicePhone: "400-820-8820",
      address: "广东省东莞市松山湖高新区工业北路 8 号",
      website: "https://www.yuelan-cable.example.cn/service",
    });
    productId = (
      await gqlData<{ registerProduct: { id: string } }>(REGISTER_PRODUCT, {
        input: cableProduct(maker, "COMBINED", { id: `buyer-${suffix}` }),
      })
    ).registerProduct.id;
    const { setProductWarranty } = await gqlData<{ setProductWarranty: Record<string, unknown> }>(SET_WARRANTY, {
      productId,
      months: 24,
      terms: TERMS,
    });
    expect(setProductWarranty).toMatchObject({ warrantyMonths: 24, warrantyTerms: TERMS });
    batchId = (
      await gqlData<{ createBatch: { id: string } }>(CREATE_BATCH, {
        input: cableBatch(productId, `B${suffix}`, {
          quantity: 3000,
          inspectionReportNo: "GDJ-2026-00815",
          inspectionAgency: "广东省电线电缆产品质量检验站",
          inspectionDate: "2026-01-16",
        }),
      })
    ).createBatch.id;
    [mother = ""] = await issue("MOTHER", 1);
    segments = await issue("SEGMENT", 2);
    [bundle = ""] = await issue("BUNDLE", 1);
    items = await issue("ITEM", 2);
    await gqlData(LINK, {
      parent: mother,
      children: [
        { code: segments[0], segmentStart: 0, segmentEnd: 100, unit: "m" },
        { code: segments[1], segmentStart: 100, segmentEnd: 250, unit: "m" },
      ],
    });
    await gqlData(LINK, { parent: bundle, children: items.map((code) => ({ code })) });
    await gqlData(RELEASE, { batchId });
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  it("shows the maker's customer service phone (a tel: link), address and website", async () => {
    const body = await page(base, items[0]!);
    expect(body).toContain("联系生产企业");
    expect(body).toContain('href="tel:4008208820"');
    expect(body).toContain("400-820-8820");
    expect(body).toContain("广东省东莞市松山湖高新区工业北路 8 号");
    expect(body).toContain("https://www.yuelan-cable.example.cn/service");
    const v = await view(base, items[0]!);
    expect(v.producer).toMatchObject({ id: maker, servicePhone: "400-820-8820" });
  });

  it("shows the warranty and after-sales terms, and the inspection report with its number and agency", async () => {
    const body = await page(base, items[1]!);
    for (const text of [
      "保修与售后",
      "24 个月（自购买之日起）",
      "整机保修两年，电源模块保修三年。",
      "检验报告编号",
      "GDJ-2026-00815",
      "广东省电线电缆产品质量检验站",
      "2026-01-16",
    ]) {
      expect(body).toContain(text);
    }
    const v = await view(base, items[1]!);
    expect(v.product).toMatchObject({ warrantyMonths: 24, warrantyTerms: TERMS });
    expect(v.batch).toMatchObject({
      inspectionResult: "合格",
      inspectionReportNo: "GDJ-2026-00815",
      inspectionAgency: "广东省电线电缆产品质量检验站",
      inspectionDate: "2026-01-16",
    });
  });

  it("lists a bundle's contents with their product", async () => {
    const v = await view(base, bundle);
    expect(v.contents).toEqual({
      count: 2,
      items: items.map((code) =>
        expect.objectContaining({ code, product: "聚氯乙烯绝缘电缆", model: "BV 450/750V 2.5mm²", range: null }),
      ),
    });
    const body = await page(base, bundle);
    expect(body).toContain("包装内容（共 2 项）");
    for (const code of items) expect(body).toContain(code);
  });

  it("gives a segment its own range and length, not the batch's quantity", async () => {
    const v = await view(base, segments[1]!);
    expect(v.segment).toEqual({ parentCode: mother, start: 100, end: 250, length: 150, unit: "m" });
    const body = await page(base, segments[1]!);
    expect(body).toContain("本段信息");
    expect(body).toContain("100 m – 250 m");
    expect(body).toContain("150 m");
    // The batch's 3000 m is said to be the batch's.
    expect(body).toContain("批次总量");
    const reel = await view(base, mother);
    expect(reel.contents?.items.map((i) => i.range)).toEqual([
      { start: 0, end: 100, length: 100, unit: "m" },
      { start: 100, end: 250, length: 150, unit: "m" },
    ]);
  });

  it("shows only what was entered: a maker without contact shows none, and a field can be cleared", async () => {
    const other = randomUscc("440300");
    await gqlData(UPSERT_ORG, { input: { id: other, name: `无联系方式 ${suffix}`, roles: ["MANUFACTURER"] } });
    const again = await gqlData<{ upsertOrganization: { contact: unknown } }>(UPSERT_ORG, {
      input: { id: maker, name: `粤缆电线电缆 ${suffix}`, roles: ["MANUFACTURER"], regionCode: "441900" },
    });
    // Left out: kept.
    expect(again.upsertOrganization.contact).toMatchObject({ servicePhone: "400-820-8820" });
    const cleared = await gqlData<{ upsertOrganization: { contact: unknown } }>(UPSERT_ORG, {
      input: { id: other, name: `无联系方式 ${suffix}`, roles: ["MANUFACTURER"], contact: { website: null } },
    });
    expect(cleared.upsertOrganization.contact).toEqual({ servicePhone: null, address: null, website: null });
    const bad = await gql(UPSERT_ORG, {
      input: { id: other, name: "x", roles: ["MANUFACTURER"], contact: { website: "javascript:alert(1)" } },
    });
    expect(firstErrorCode(bad)).toBe("BAD_USER_INPUT");
  });

  it("refuses a warranty of negative months", async () => {
    const result = await gql(SET_WARRANTY, { productId, months: -1, terms: null });
    expect(firstErrorCode(result)).toBe("BAD_USER_INPUT");
  });

  it("tells the holder of a recalled product what to do, with the maker's phone", async () => {
    await gqlData(RECALL, { batchId, reason: "绝缘层厚度不合格" });
    const v = await view(base, items[0]!);
    expect(v.recall?.advice).toContain("400-820-8820");
    expect(v.recall?.advice).toContain("退货、更换或维修");
    const body = await page(base, items[0]!);
    expect(body).toContain("您需要做什么");
    // A recalled product takes no warranty registration.
    expect(v.warranty.open).toBe(false);
    expect(body).not.toContain("<form");
  });
});
