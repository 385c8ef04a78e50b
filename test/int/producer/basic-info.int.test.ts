import { OPERATOR } from "../../../src/access/principal.js";
import type { GraphQLFormattedError } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { firstErrorCode, gql, gqlData, type GqlResult } from "../../support/test-api.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  REGISTER_PRODUCT,
  cableBatch,
  cableProduct,
  randomGtin13,
  randomUscc,
  registerChain,
  type ChainOrgs,
  type ProductData,
} from "./producer-fixtures.js";
import { OrgRole } from "../../../src/registry/org-role.js";

/** The first error's code, field and rule: every basic-info rejection names the field and the rule it broke. */
function rejection(result: GqlResult<unknown>) {
  const error = result.errors?.[0] as GraphQLFormattedError | undefined;
  return { code: error?.extensions?.code, field: error?.extensions?.field, rule: error?.extensions?.rule };
}

describe("basic trace info (基本追溯信息) is checked for completeness and accuracy", () => {
  const suffix = uniqueSuffix();
  let orgs: ChainOrgs;
  let cable: ProductData;

  beforeAll(async () => {
    orgs = await registerChain(suffix);
    cable = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "PER_ITEM", { id: `cable-${suffix}` }),
      })
    ).registerProduct;
  });

  const register = (extra: Record<string, unknown>) =>
    gql(REGISTER_PRODUCT, { input: cableProduct(orgs.maker, "PER_ITEM", extra) });
  const create = (extra: Record<string, unknown>) =>
    gql(CREATE_BATCH, { input: cableBatch(cable.id, `B-${uniqueSuffix()}`, extra) });

  it.each([
    ["an empty product name", { name: "  " }, "input.name", "required"],
    ["an empty model", { model: "" }, "input.model", "required"],
    ["an empty category", { category: "" }, "input.category", "required"],
    ["a category not in productCategories", { category: "五金工具" }, "input.category", "product category"],
    [
      "a category named by a word inside a name",
      { category: "电线电缆（450/750V）" },
      "input.category",
      "product category",
    ],
    ["a malformed standard number", { standardNo: "GB12706" }, "input.standardNo", "standard number"],
    ["a GTIN with a wrong check digit", { gtin: "6901234567891" }, "input.gtin", "GS1 check digit"],
    ["a product id with spaces", { id: "my cable" }, "input.id", "product id"],
  ])("rejects %s", async (_what, extra, field, rule) => {
    expect(rejection(await register(extra))).toEqual({ code: "BAD_USER_INPUT", field, rule });
  });

  it("rejects a manufacturer id whose USCC check character is wrong (GB 32100)", async () => {
    const valid = orgs.maker;
    const wrongCheck = valid.slice(0, -1) + (valid.endsWith("0") ? "1" : "0");
    expect(rejection(await register({ manufacturerId: wrongCheck }))).toEqual({
      code: "BAD_USER_INPUT",
      field: "input.manufacturerId",
      rule: "GB 32100 check character",
    });
  });

  it("rejects a manufacturer that is not a registered organisation, or not a MANUFACTURER", async () => {
    expect(rejection(await register({ manufacturerId: randomUscc() }))).toMatchObject({
      field: "input.manufacturerId",
      rule: "registered organisation",
    });
    expect(rejection(await register({ manufacturerId: orgs.supplier }))).toMatchObject({
      field: "input.manufacturerId",
      rule: "manufacturer role",
    });
  });

  it("reports every problem of one input at once", async () => {
    const result = await register({ name: "", standardNo: "bogus" });
    const errors = result.errors?.[0]?.extensions?.errors as { field: string }[];
    expect(errors.map((e) => e.field)).toEqual(["input.name", "input.standardNo"]);
  });

  it("rejects a missing required field at the GraphQL layer", async () => {
    const { name: _dropped, ...withoutName } = cableProduct(orgs.maker, "PER_ITEM");
    expect(firstErrorCode(await gql(REGISTER_PRODUCT, { input: withoutName }))).toBe("BAD_USER_INPUT");
  });

  it("accepts industry, local, group and enterprise standard numbers", async () => {
    for (const standardNo of ["GB 17761-2024", "Q/XXX 001-2023", "JB/T 8734.2-2016", "T/CEEIA 280-2017"]) {
      const result = await register({ standardNo, id: `std-${uniqueSuffix()}` });
      expect(result.errors).toBeUndefined();
    }
  });

  it("rejects a duplicate product id or GTIN with CONFLICT", async () => {
    expect(firstErrorCode(await register({ id: cable.id }))).toBe("CONFLICT");
    const gtin = randomGtin13();
    await gqlData(REGISTER_PRODUCT, { input: cableProduct(orgs.maker, "PER_ITEM", { gtin }) });
    expect(firstErrorCode(await register({ gtin, id: `other-${suffix}` }))).toBe("CONFLICT");
  });

  it("lets only one of two concurrent registrations of one GTIN or batch number win; the other is CONFLICT", async () => {
    const gtin = randomGtin13();
    const input = (id: string) => cableProduct(orgs.maker, "PER_BATCH", { gtin, id });
    const products = await Promise.all([
      gql(REGISTER_PRODUCT, { input: input(`race-a-${suffix}`) }),
      gql(REGISTER_PRODUCT, { input: input(`race-b-${suffix}`) }),
    ]);
    expect(products.map(firstErrorCode).sort()).toEqual(["CONFLICT", undefined]);
    const winner = products.find((r) => !r.errors) as GqlResult<{ registerProduct: ProductData }>;
    const batch = cableBatch(winner.data!.registerProduct.id, "RACE");
    const batches = await Promise.all([gql(CREATE_BATCH, { input: batch }), gql(CREATE_BATCH, { input: batch })]);
    expect(batches.map(firstErrorCode).sort()).toEqual(["CONFLICT", undefined]);
  });

  it.each([
    ["an empty batch number", { batchNo: " " }, "input.batchNo", "required"],
    ["a production date in the future", { productionDate: "2999-01-01" }, "input.productionDate", "not in the future"],
    ["a zero quantity", { quantity: 0 }, "input.quantity", "positive"],
    ["a quantity without unit", { unit: "" }, "input.unit", "required"],
    ["an empty inspection result", { inspectionResult: "" }, "input.inspectionResult", "required"],
    ["a cable batch without production licence", { licenceNo: null }, "input.licenceNo", "required for category"],
    ["a cable batch without CCC certificate", { cccCertNo: null }, "input.cccCertNo", "required for category"],
    ["a malformed licence number", { licenceNo: "XK-123" }, "input.licenceNo", "format"],
  ])("rejects %s", async (_what, extra, field, rule) => {
    expect(rejection(await create(extra))).toEqual({ code: "BAD_USER_INPUT", field, rule });
  });

  it("rejects a component with a wrong check digit, naming its index", async () => {
    const result = await create({
      components: ["urn:epc:class:lgtin:6901234.012345.L1", "https://x.example/01/06901234567891/10/A"],
    });
    expect(rejection(result)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.components[1]" });
  });

  it("asks for a CCC certificate but no licence for gas appliances (燃气器具)", async () => {
    const gas = await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
      input: { ...cableProduct(orgs.maker, "PER_BATCH"), category: "家用燃气灶具", standardNo: "GB 16410-2020" },
    });
    const base = { productId: gas.registerProduct.id, productionDate: "2026-01-01", quantity: 200, unit: "台" };
    const noCcc = await gql(CREATE_BATCH, { input: { ...base, batchNo: "G1", inspectionResult: "合格" } });
    expect(rejection(noCcc)).toMatchObject({ field: "input.cccCertNo", rule: "required for category" });
    const ok = await gql(CREATE_BATCH, {
      input: { ...base, batchNo: "G2", inspectionResult: "合格", cccCertNo: "2021010502000001" },
    });
    expect(ok.errors).toBeUndefined();
  });

  it("asks a gas water heater (燃气热水器) for its CCC, chosen by code; an accessory (燃气器具配件) for none", async () => {
    const register = async (category: string, id: string) =>
      (
        await gqlData<{ registerProduct: ProductData & { category: string; categoryName: string } }>(
          `mutation($input: ProductInput!) { registerProduct(input: $input) { id category categoryName cccRequired licenceRequired } }`,
          { input: { ...cableProduct(orgs.maker, "PER_BATCH", { id }), category, standardNo: "GB 6932-2015" } },
        )
      ).registerProduct;
    const heater = await register("ga.wh", `heater-${suffix}`);
    expect(heater).toMatchObject({
      category: "GA.WH",
      categoryName: "燃气热水器",
      cccRequired: true,
      licenceRequired: false,
    });
    const base = { productionDate: "2026-01-01", quantity: 50, unit: "台", inspectionResult: "合格" };
    const noCcc = await gql(CREATE_BATCH, { input: { ...base, productId: heater.id, batchNo: "H1" } });
    expect(rejection(noCcc)).toMatchObject({ field: "input.cccCertNo", rule: "required for category" });
    const valve = await register("燃气器具配件", `valve-${suffix}`);
    expect(valve).toMatchObject({ category: "GA.AC", cccRequired: false, licenceRequired: false });
    const plain = await gql(CREATE_BATCH, { input: { ...base, productId: valve.id, batchNo: "V1" } });
    expect(plain.errors).toBeUndefined();
  });

  it("lists the key product categories with what each requires (productCategories)", async () => {
    const { productCategories } = await gqlData<{
      productCategories: { code: string; name: string; licenceRequired: boolean; cccRequired: boolean }[];
    }>(`{ productCategories { code name licenceRequired cccRequired } }`);
    const byName = new Map(productCategories.map((c) => [c.name, c]));
    expect(byName.get("电线电缆")).toMatchObject({ licenceRequired: true, cccRequired: true });
    expect(byName.get("燃气热水器")).toMatchObject({ cccRequired: true });
    expect(byName.get("电动自行车用锂离子蓄电池")).toMatchObject({ cccRequired: true });
    expect(byName.get("玩具")).toMatchObject({ cccRequired: true });
    expect(new Set(productCategories.map((c) => c.code)).size).toBe(productCategories.length);
  });

  it("rejects an unknown product (NOT_FOUND) and a duplicate batch number (CONFLICT)", async () => {
    expect(firstErrorCode(await gql(CREATE_BATCH, { input: cableBatch(`nope-${suffix}`, "X") }))).toBe("NOT_FOUND");
    await gqlData(CREATE_BATCH, { input: cableBatch(cable.id, `DUP-${suffix}`) });
    expect(firstErrorCode(await gql(CREATE_BATCH, { input: cableBatch(cable.id, `DUP-${suffix}`) }))).toBe("CONFLICT");
  });

  it("accepts a bare USCC for the manufacturer and keeps its canonical `uscc:` id", async () => {
    const services = await testServices();
    const maker = randomUscc("440606");
    await services.organizationService.upsertOrganization(
      {
        id: maker,
        name: `华焰 ${suffix}`,
        roles: [OrgRole.MANUFACTURER],
        regionCode: "440606",
        authorizedRegions: [],
      },
      OPERATOR,
    );
    const product = await gqlData<{ registerProduct: ProductData & { manufacturerId: string } }>(REGISTER_PRODUCT, {
      input: cableProduct(maker.slice(5).toLowerCase(), "PER_ITEM"),
    });
    expect(product.registerProduct.manufacturerId).toBe(maker);
  });
});
