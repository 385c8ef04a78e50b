import { describe, expect, it } from "vitest";
import { mapHeader } from "../../../src/producer/csv-import/columns.js";
import {
  isBlankRow,
  parseDate,
  parseExtended,
  parseQuantity,
  parseTraceMode,
  rowCells,
  splitList,
  toBatchRequest,
  toProductRequest,
} from "../../../src/producer/csv-import/rows.js";
import type { FieldProblem } from "../../../src/producer/field-problem.js";
import { TraceMode } from "../../../src/producer/producer-enums.js";

const PRODUCT_HEADER = ["产品编号", "产品名称", "型号", "类别", "追溯模式", "商标", "GTIN", "执行标准", "生产企业"];
const BATCH_HEADER = ["产品", "批号", "生产日期", "数量", "单位", "检验结果", "生产许可证", "CCC证书", "零部件"];

function product(cells: string[], defaults = {}) {
  return toProductRequest(rowCells(mapHeader("products", PRODUCT_HEADER), PRODUCT_HEADER.length, cells), defaults);
}

function batch(cells: string[], header = BATCH_HEADER) {
  return toBatchRequest(rowCells(mapHeader("batches", header), header.length, cells));
}

const rules = (problems: FieldProblem[]) => problems.map((p) => `${p.field} ${p.rule}`);

describe("CSV row → ProductRequest", () => {
  it("converts a complete row as the registerProduct mutation would receive it", () => {
    const { input, problems } = product([
      "cable-1",
      "聚氯乙烯绝缘电缆",
      "BV 2.5",
      "电线电缆",
      "一物一码",
      "粤缆",
      "",
      "GB/T 5023.3-2008",
      "uscc:91441900MA4W1Q2X0K",
    ]);
    expect(problems).toEqual([]);
    expect({ ...input }).toEqual({
      id: "cable-1",
      manufacturerId: "uscc:91441900MA4W1Q2X0K",
      name: "聚氯乙烯绝缘电缆",
      model: "BV 2.5",
      category: "电线电缆",
      traceMode: TraceMode.PER_ITEM,
      brand: "粤缆",
      gtin: null,
      standardNo: "GB/T 5023.3-2008",
    });
  });

  it("leaves rules on values to the service: an empty model passes through", () => {
    const { input, problems } = product(["", "n", "", "c", "PER_BATCH", "", "", "GB 1-2020", "x"]);
    expect(problems).toEqual([]);
    expect(input.model).toBe("");
    expect(input.id).toBeNull();
  });

  it("fills the manufacturer from the default when the cell is empty", () => {
    const { input } = product(["", "n", "m", "c", "一品一码", "", "", "GB 1-2020", " "], { manufacturerId: "uscc:X" });
    expect(input.manufacturerId).toBe("uscc:X");
  });

  it("rejects an unknown trace mode", () => {
    expect(rules(product(["", "n", "m", "c", "每件一码", "", "", "GB 1-2020", "x"]).problems)).toEqual([
      "input.traceMode trace mode",
    ]);
  });

  it("rejects cells beyond the header", () => {
    const cells = ["", "n", "m", "c", "一品一码", "", "", "GB 1-2020", "x", "stray"];
    expect(rules(product(cells).problems)).toEqual(["row column count"]);
  });
});

describe("CSV row → BatchRequest", () => {
  it("converts dates, numbers and component lists", () => {
    const { input, problems } = batch([
      "cable-1",
      "L20260115",
      "2026/1/15",
      "5,000",
      "m",
      "合格",
      "XK06-001-00123",
      "",
      "urn:epc:class:lgtin:0690123.400001.CU1; 0123-B456-7890-ABCD ；",
    ]);
    expect(problems).toEqual([]);
    expect(input.productionDate.toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(input.quantity).toBe(5000);
    expect(input.cccCertNo).toBeNull();
    expect(input.licenceNo).toBe("XK06-001-00123");
    expect(input.components).toEqual(["urn:epc:class:lgtin:0690123.400001.CU1", "0123-B456-7890-ABCD"]);
    expect(input.extended).toBeNull();
  });

  it("puts ext. columns into extended info, JSON when the cell holds an array or object", () => {
    const header = [...BATCH_HEADER, "ext.salesChannel", "ext.salesRegions", "ext.warranty"];
    const { input, problems } = batch(
      ["p", "L1", "2026-01-15", "1", "台", "合格", "", "", "", "经销", '["440000","430000"]', ""],
      header,
    );
    expect(problems).toEqual([]);
    expect(input.extended).toEqual({ salesChannel: "经销", salesRegions: ["440000", "430000"] });
  });

  it("names the field of every value it cannot convert", () => {
    const header = [...BATCH_HEADER, "ext.testReports"];
    const { problems } = batch(["p", "L1", "2026-13-01", "lots", "m", "合格", "", "", "", "[broken"], header);
    expect(rules(problems)).toEqual([
      "input.productionDate date",
      "input.quantity number",
      "input.extended.testReports JSON",
    ]);
  });
});

describe("cell parsers", () => {
  it.each([
    ["2026-01-15", "2026-01-15"],
    ["2026/1/5", "2026-01-05"],
    ["2026.01.15", "2026-01-15"],
    ["2026年1月15日", "2026-01-15"],
    ["20260115", "2026-01-15"],
    ["2026-01-15 00:00:00", "2026-01-15"],
    ["２０２６－０１－１５", "2026-01-15"],
  ])("reads the date %s", (text, iso) => {
    const problems: FieldProblem[] = [];
    expect(parseDate(text, problems)?.toISOString().slice(0, 10)).toBe(iso);
    expect(problems).toEqual([]);
  });

  it.each(["2026-02-30", "15/01/2026", "yesterday", ""])("rejects the date %j", (text) => {
    const problems: FieldProblem[] = [];
    expect(parseDate(text, problems)).toBeNull();
    expect(rules(problems)).toEqual([`input.productionDate ${text ? "date" : "required"}`]);
  });

  it("reads quantities with thousands separators, and leaves the sign to the service", () => {
    const problems: FieldProblem[] = [];
    expect(parseQuantity("1,234,567.5", problems)).toBe(1234567.5);
    expect(parseQuantity(" 5 000 ", problems)).toBe(5000);
    expect(parseQuantity("-3", problems)).toBe(-3);
    expect(parseQuantity("１２", problems)).toBe(12);
    expect(problems).toEqual([]);
    expect(parseQuantity("1,5", problems)).toBeNull();
    expect(parseQuantity("5000m", problems)).toBeNull();
    expect(rules(problems)).toEqual(["input.quantity number", "input.quantity number"]);
  });

  it("reads trace modes in Chinese, as enum names and as template text", () => {
    const problems: FieldProblem[] = [];
    expect(parseTraceMode("一品一码", problems)).toBe(TraceMode.PER_PRODUCT);
    expect(parseTraceMode("一批一码", problems)).toBe(TraceMode.PER_BATCH);
    expect(parseTraceMode("per-item", problems)).toBe(TraceMode.PER_ITEM);
    expect(parseTraceMode("组合多码（COMBINED）", problems)).toBe(TraceMode.COMBINED);
    expect(problems).toEqual([]);
    expect(parseTraceMode(" ", problems)).toBeNull();
    expect(rules(problems)).toEqual(["input.traceMode required"]);
  });

  it("splits lists on ; and ； and line breaks", () => {
    expect(splitList("a;b；c\nd;; ")).toEqual(["a", "b", "c", "d"]);
    expect(splitList("")).toEqual([]);
  });

  it("leaves empty ext. cells out", () => {
    expect(parseExtended([{ name: "warranty", value: " " }], [])).toBeNull();
    expect(parseExtended([{ name: "warranty", value: '{"months":24}' }], [])).toEqual({ warranty: { months: 24 } });
  });

  it("tells blank rows", () => {
    expect(isBlankRow([""])).toBe(true);
    expect(isBlankRow([" ", "", ""])).toBe(true);
    expect(isBlankRow(["", "x"])).toBe(false);
  });
});
