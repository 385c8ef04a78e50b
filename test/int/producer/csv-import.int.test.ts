import { OPERATOR } from "../../../src/access/principal.js";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTraceCode, issuerPrefix } from "../../../src/codes/index.js";
import { query } from "../../../src/graph/query.js";
import { csvRow, UTF8_BOM } from "../../../src/csv/csv-row.js";
import { firstErrorCode, gql, gqlData } from "../../support/test-api.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import { PRODUCT_FIELDS, randomGtin13, randomUscc, typo } from "./producer-fixtures.js";
import { OrgRole } from "../../../src/registry/org-role.js";

/** Runs the CLI as producers do, in a child process against the same Neo4j. */
function cli(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "src/cli/cli.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "warn" },
    timeout: 180_000,
  });
  return { status: result.status, stderr: result.stderr };
}

type Cell = string | number | null;

/** Report lines as [row, status, id, code, column, field, rule, message]. */
function readReport(file: string): string[][] {
  const text = readFileSync(file, "utf8");
  expect(text.startsWith(UTF8_BOM)).toBe(true);
  return text
    .slice(1)
    .split("\r\n")
    .filter(Boolean)
    .slice(1)
    .map((line) => line.split(","));
}

const PRODUCT = `query($id: String!) { product(id: $id) { ${PRODUCT_FIELDS} } }`;
const BATCH = `query($id: ID!) { batch(id: $id) { id status quantity unit productionDate components extended } }`;

describe("CSV import of products and batches (npm run cli -- import)", () => {
  const suffix = uniqueSuffix();
  const dir = mkdtempSync(path.join(tmpdir(), "tracegraph-csv-import-"));
  const maker = randomUscc();
  const badUscc = maker.slice(0, -1) + (maker.endsWith("0") ? "1" : "0");
  const cableId = `cable-${suffix}`;
  const gtin = randomGtin13();
  const stoveId = `0${gtin}`;
  const kvvModel = `KVV 4×1.5 ${suffix}`;
  const supplierLot = `urn:epc:class:lgtin:0690123.400001.CU${suffix}`;
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text, "utf8");
    return file;
  };
  const table = (rows: Cell[][]) => rows.map((row) => csvRow(row)).join("");

  beforeAll(async () => {
    const services = await testServices();
    await services.organizationService.upsertOrganization(
      {
        id: maker,
        name: `粤缆电线电缆 ${suffix}`,
        roles: [OrgRole.MANUFACTURER],
        regionCode: "441900",
        authorizedRegions: ["441900"],
      },
      OPERATOR,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Chinese headers, a BOM, an empty spreadsheet row and a column nobody reads.
  const productsCsv =
    UTF8_BOM +
    table([
      ["产品编号", "产品名称", "型号", "类别", "追溯模式", "商标", "GTIN", "执行标准", "生产企业", "备注"],
      [
        cableId,
        "聚氯乙烯绝缘电缆",
        "BV 450/750V 2.5mm²",
        "电线电缆",
        "一物一码",
        "粤缆",
        "",
        "GB/T 5023.3-2008",
        maker,
        "",
      ],
      ["", "家用燃气灶具", "JZT-2", "家用燃气灶具", "一批一码", "粤厨", gtin, "GB 16410-2020", maker, "GTIN as id"],
      [`nomodel-${suffix}`, "电缆", "", "电线电缆", "一物一码", "粤缆", "", "GB/T 5023.3-2008", maker, "missing model"],
      [`baduscc-${suffix}`, "电缆", "BV 1.5", "电线电缆", "一物一码", "粤缆", "", "GB/T 5023.3-2008", badUscc, ""],
      ["", "", "", "", "", "", "", "", "", ""],
      ["", "控制电缆", kvvModel, "电线电缆", "组合多码", "粤缆", "", "GB/T 9330-2020", maker, "id generated"],
    ]);

  it("imports the good product rows, reports the bad ones by row, field and rule, and skips them the next time", async () => {
    const file = write("products.csv", productsCsv);
    const report = path.join(dir, "products-report.csv");

    const first = cli("import", "products", "--report", report, file);
    expect(first.status, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/5 rows, 3 imported, 0 already imported, 2 rejected/);
    expect(first.stderr).toMatch(/100%/);
    expect(first.stderr).toMatch(/ignored columns \(no such field\): 备注/);
    expect(first.stderr).toMatch(/row 4 {2}BAD_USER_INPUT 型号 \(input\.model\) \[required\]/);
    expect(first.stderr).toMatch(
      /row 5 {2}BAD_USER_INPUT 生产企业 \(input\.manufacturerId\) \[GB 32100 check character\]/,
    );

    const lines = readReport(report);
    expect(lines.map((l) => l.slice(0, 2).join(" "))).toEqual([
      "2 IMPORTED",
      "3 IMPORTED",
      "4 REJECTED",
      "5 REJECTED",
      "7 IMPORTED",
    ]);
    expect(lines[0]?.[2]).toBe(cableId);
    expect(lines[1]?.[2]).toBe(stoveId);
    expect(lines[2]?.slice(3, 7)).toEqual(["BAD_USER_INPUT", "型号", "input.model", "required"]);
    expect(lines[3]?.slice(3, 7)).toEqual([
      "BAD_USER_INPUT",
      "生产企业",
      "input.manufacturerId",
      "GB 32100 check character",
    ]);
    const kvvId = lines[4]?.[2] ?? "";

    const cable = (await gqlData<{ product: Record<string, unknown> }>(PRODUCT, { id: cableId })).product;
    expect(cable).toMatchObject({
      manufacturerId: maker,
      name: "聚氯乙烯绝缘电缆",
      model: "BV 450/750V 2.5mm²",
      traceMode: "PER_ITEM",
      brand: "粤缆",
      gtin: null,
    });
    const stove = (await gqlData<{ product: Record<string, unknown> }>(PRODUCT, { id: stoveId })).product;
    expect(stove).toMatchObject({ traceMode: "PER_BATCH", gtin: stoveId, standardNo: "GB 16410-2020" });
    const kvv = (await gqlData<{ product: Record<string, unknown> }>(PRODUCT, { id: kvvId })).product;
    expect(kvv).toMatchObject({ model: kvvModel, traceMode: "COMBINED", key: kvvId });
    for (const id of [`nomodel-${suffix}`, `baduscc-${suffix}`]) {
      expect(firstErrorCode(await gql(PRODUCT, { id }))).toBe("NOT_FOUND");
    }

    const second = cli("import", "products", "--report", report, file);
    expect(second.status, second.stderr).toBe(1);
    expect(second.stderr).toMatch(/5 rows, 0 imported, 3 already imported, 2 rejected/);
    expect(readReport(report).map((l) => l.slice(0, 3).join(" "))).toEqual([
      `2 SKIPPED ${cableId}`,
      `3 SKIPPED ${stoveId}`,
      "4 REJECTED ",
      "5 REJECTED ",
      `7 SKIPPED ${kvvId}`,
    ]);
    const { products } = await gqlData<{ products: { id: string }[] }>(
      `query($m: String!) { products(manufacturerId: $m) { id } }`,
      { m: maker },
    );
    expect(products.map((p) => p.id).sort()).toEqual([cableId, stoveId, kvvId].sort());
  }, 300_000);

  it("reports a row that names an existing product with other data as a CONFLICT", async () => {
    const file = write(
      "products-changed.csv",
      table([
        ["id", "name", "model", "category", "traceMode", "brand", "gtin", "standardNo"],
        [cableId, "阻燃电缆", "BV 450/750V 2.5mm²", "电线电缆", "PER_ITEM", "粤缆", "", "GB/T 5023.3-2008"],
      ]),
    );
    const result = cli("import", "products", "--manufacturer", maker, file);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/1 rows, 0 imported, 0 already imported, 1 rejected/);
    expect(result.stderr).toMatch(/row 2 {2}CONFLICT name \(input\.name\) \[same as existing\]: .*"聚氯乙烯绝缘电缆"/);
    const cable = (await gqlData<{ product: { name: string } }>(PRODUCT, { id: cableId })).product;
    expect(cable.name).toBe("聚氯乙烯绝缘电缆");
  }, 120_000);

  it("imports batches with components and extended info; rejects future dates, bad codes and unknown products", async () => {
    const badCode = typo(generateTraceCode("BATCH", issuerPrefix(maker)));
    const file = write(
      "batches.csv",
      table([
        [
          "productId",
          "batchNo",
          "productionDate",
          "quantity",
          "unit",
          "inspectionResult",
          "licenceNo",
          "cccCertNo",
          "components",
          "ext.salesChannel",
          "ext.salesRegions",
        ],
        [
          cableId,
          `L1-${suffix}`,
          "2026/1/15",
          "5,000",
          "m",
          "合格",
          "XK06-001-00123",
          "2020010105123456",
          `${supplierLot}；`,
          "经销",
          '["440000","430000"]',
        ],
        [stoveId, "S1", "2026年1月20日", 200, "台", "合格", "", "2020010105123457", "", "", ""],
        [cableId, `L2-${suffix}`, "2099-01-01", 100, "m", "合格", "XK06-001-00123", "2020010105123456", "", "", ""],
        [
          cableId,
          `L3-${suffix}`,
          "2026-01-15",
          100,
          "m",
          "合格",
          "XK06-001-00123",
          "2020010105123456",
          `${supplierLot}; ${badCode}`,
          "",
          "",
        ],
        [`nosuch-${suffix}`, "N1", "2026-01-15", 1, "台", "合格", "", "", "", "", ""],
      ]),
    );
    const report = path.join(dir, "batches-report.csv");

    const first = cli("import", "batches", "--report", report, file);
    expect(first.status, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/5 rows, 2 imported, 0 already imported, 3 rejected/);
    const lines = readReport(report);
    expect(lines.map((l) => [l[0], l[1], l[2], l[3], l[4], l[5], l[6]])).toEqual([
      ["2", "IMPORTED", `${cableId}:L1-${suffix}`, "", "", "", ""],
      ["3", "IMPORTED", `${stoveId}:S1`, "", "", "", ""],
      ["4", "REJECTED", "", "BAD_USER_INPUT", "productionDate", "input.productionDate", "not in the future"],
      ["5", "REJECTED", "", "BAD_USER_INPUT", "components", "input.components[1]", expect.any(String)],
      ["6", "REJECTED", "", "NOT_FOUND", "productId", "input.productId", "exists"],
    ]);

    const { batch } = await gqlData<{ batch: Record<string, unknown> }>(BATCH, { id: `${cableId}:L1-${suffix}` });
    expect(batch).toMatchObject({
      status: "DRAFT",
      quantity: 5000,
      unit: "m",
      productionDate: "2026-01-15",
      extended: { salesChannel: "经销", salesRegions: ["440000", "430000"] },
    });
    expect(batch.components).toHaveLength(1);
    const stoveBatch = await gqlData<{ batch: { productionDate: string } }>(BATCH, { id: `${stoveId}:S1` });
    expect(stoveBatch.batch.productionDate).toBe("2026-01-20");
    for (const id of [`${cableId}:L2-${suffix}`, `${cableId}:L3-${suffix}`]) {
      expect(firstErrorCode(await gql(BATCH, { id }))).toBe("NOT_FOUND");
    }
    // Only L1 recorded its components: the rejected L3 wrote nothing, not even its good component's edge.
    const { executor } = await testServices();
    const events = await executor.read(
      query("test.csvImport.events", "MATCH (e:Event) WHERE e.eventId STARTS WITH $prefix RETURN count(e) AS n", {
        prefix: `native:batch:${cableId}:L`,
      }),
    );
    expect(events[0]?.n).toBe(1);

    const second = cli("import", "batches", file);
    expect(second.status, second.stderr).toBe(1);
    expect(second.stderr).toMatch(/5 rows, 0 imported, 2 already imported, 3 rejected/);
  }, 300_000);

  it("exits 2 for usage errors: unknown kinds, missing files, a header of the other kind", () => {
    const products = write("products-only.csv", productsCsv);
    expect(cli("import", "widgets", products).status).toBe(2);
    expect(cli("import", "batches", path.join(dir, "missing.csv")).status).toBe(2);
    const wrong = cli("import", "batches", products);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/not a header of batches: no column for batchNo/);
    const help = cli("--help");
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/import products/);
  }, 120_000);
});
