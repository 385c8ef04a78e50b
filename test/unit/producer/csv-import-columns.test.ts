import { describe, expect, it } from "vitest";
import { mapHeader, normalizeHeader } from "../../../src/producer/csv-import/columns.js";

const fieldsOf = (mapping: ReturnType<typeof mapHeader>) =>
  mapping.columns.map((c) => (c.target.kind === "field" ? c.target.field : `ext:${c.target.name}`));

describe("CSV header mapping", () => {
  it("maps English product headers in any case and spacing", () => {
    const mapping = mapHeader("products", [
      "Name",
      "Model",
      "category",
      "Trace Mode",
      "brand",
      "GTIN",
      "standard_no",
      "manufacturerId",
      "ID",
    ]);
    expect(mapping.errors).toEqual([]);
    expect(fieldsOf(mapping)).toEqual([
      "name",
      "model",
      "category",
      "traceMode",
      "brand",
      "gtin",
      "standardNo",
      "manufacturerId",
      "id",
    ]);
  });

  it("maps Chinese product headers, with required markers, notes in brackets and full-width letters", () => {
    const mapping = mapHeader("products", [
      "\uFEFF*产品名称",
      "型号",
      "类别",
      "追溯模式（一品一码/一批一码/一物一码/组合多码）",
      "商标",
      "ＧＴＩＮ",
      "执行标准",
      "生产企业",
    ]);
    expect(mapping.errors).toEqual([]);
    expect(fieldsOf(mapping)).toEqual([
      "name",
      "model",
      "category",
      "traceMode",
      "brand",
      "gtin",
      "standardNo",
      "manufacturerId",
    ]);
    expect(mapping.columns[0]?.header).toBe("*产品名称");
  });

  it("maps batch headers, ext. columns to extended info, and keeps positions", () => {
    const mapping = mapHeader("batches", [
      "产品",
      "批号",
      "生产日期",
      "数量",
      "单位",
      "检验结果",
      "",
      "生产许可证",
      "CCC证书",
      "零部件",
      "ext.salesChannel",
      "扩展．warranty",
    ]);
    expect(mapping.errors).toEqual([]);
    expect(fieldsOf(mapping)).toEqual([
      "productId",
      "batchNo",
      "productionDate",
      "quantity",
      "unit",
      "inspectionResult",
      "licenceNo",
      "cccCertNo",
      "components",
      "ext:salesChannel",
      "ext:warranty",
    ]);
    expect(mapping.columns.find((c) => c.header === "生产许可证")?.index).toBe(7);
  });

  it("ignores columns that name no field and reports them", () => {
    const mapping = mapHeader("batches", [
      "productId",
      "batchNo",
      "productionDate",
      "quantity",
      "unit",
      "inspectionResult",
      "备注",
    ]);
    expect(mapping.errors).toEqual([]);
    expect(mapping.ignored).toEqual(["备注"]);
  });

  it("names every missing required column", () => {
    const mapping = mapHeader("products", ["产品名称", "型号"]);
    expect(mapping.errors).toHaveLength(4);
    expect(mapping.errors.join("\n")).toMatch(/manufacturerId[\s\S]*category[\s\S]*traceMode[\s\S]*standardNo/);
    expect(mapping.errors[0]).toBe('no column for manufacturerId (named "manufacturerId" or "生产企业")');
  });

  it("lets the caller supply a required column (--manufacturer)", () => {
    const header = ["产品名称", "型号", "类别", "追溯模式", "执行标准"];
    expect(mapHeader("products", header).errors).toEqual([expect.stringMatching(/manufacturerId/)]);
    expect(mapHeader("products", header, ["manufacturerId"]).errors).toEqual([]);
  });

  it("rejects two columns for one field", () => {
    const mapping = mapHeader("products", ["name", "产品名称", "型号", "类别", "追溯模式", "执行标准", "生产企业"]);
    expect(mapping.errors).toEqual(['columns "name" and "产品名称" both give name']);
  });

  it("does not read a products file as batches or extended info in products", () => {
    expect(mapHeader("batches", ["产品名称", "型号", "类别"]).errors.length).toBeGreaterThan(0);
    expect(mapHeader("products", ["ext.warranty"]).ignored).toEqual(["ext.warranty"]);
  });

  it("normalises header text", () => {
    expect(normalizeHeader(" Batch No ")).toBe("batchno");
    expect(normalizeHeader("生产日期(YYYY-MM-DD)")).toBe("生产日期");
    expect(normalizeHeader("ＣＣＣ证书")).toBe("ccc证书");
  });
});
