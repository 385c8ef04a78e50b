import { InspectionStatus } from "../../../src/producer/inspection.js";
import { describe, expect, it } from "vitest";
import { parseIdentifier } from "../../../src/codes/index.js";
import type { BatchInfo } from "../../../src/producer/batch-info.js";
import { batchDifferences, productDifferences, sameModel } from "../../../src/producer/csv-import/identity.js";
import type { CsvImportResult } from "../../../src/producer/csv-import/importer.js";
import { rejectionLines, reportCsv } from "../../../src/producer/csv-import/report.js";
import type { BatchRecord, ProductRecord } from "../../../src/producer/producer-model.js";
import type { ProductInfo } from "../../../src/producer/product-info.js";
import { BatchStatus, TraceMode } from "../../../src/producer/producer-enums.js";

const info: ProductInfo = {
  id: null,
  manufacturerId: "uscc:91441900MA4W1Q2X0K",
  name: "电缆",
  brand: "粤缆",
  model: "BV 2.5",
  category: "电线电缆",
  traceMode: TraceMode.PER_ITEM,
  gtin: null,
  standardNo: "GB/T 5023.3-2008",
};
const record = (extra: Partial<ProductRecord> = {}): ProductRecord => ({
  ...info,
  id: "P1",
  key: "P1",
  categoryName: "电线电缆",
  licenceRequired: true,
  cccRequired: true,
  createdAt: new Date(),
  ...extra,
});

describe("already imported or a conflict", () => {
  it("compares a product field by field", () => {
    expect(productDifferences(record(), info)).toEqual([]);
    expect(productDifferences(record({ name: "旧名" }), info)).toEqual([
      { field: "input.name", existing: "旧名", given: "电缆" },
    ]);
  });

  it("finds a product without id or GTIN by model and brand, preferring an identical one", () => {
    const other = record({ id: "P0", name: "旧名" });
    const same = record({ id: "P2" });
    expect(sameModel([other, same], info)?.id).toBe("P2");
    expect(sameModel([other], info)?.id).toBe("P0");
    expect(sameModel([record({ brand: null })], info)).toBeNull();
  });

  it("compares a batch, extended info by value and components as a set", () => {
    const component = parseIdentifier("urn:epc:class:lgtin:0690123.400001.CU1");
    const batchInfo: BatchInfo = {
      productId: "P1",
      batchNo: "L1",
      productionDate: "2026-01-15",
      quantity: 5000,
      unit: "m",
      inspectionResult: "合格",
      inspectionReportNo: null,
      inspectionAgency: null,
      inspectionDate: null,
      inspectionReportRef: null,
      licenceNo: null,
      cccCertNo: null,
      extended: { b: 1, a: [1, 2] },
      components: [component, component],
    };
    const existing: BatchRecord = {
      ...batchInfo,
      id: "P1:L1",
      key: "B1",
      status: BatchStatus.DRAFT,
      inspectionStatus: InspectionStatus.PASSED,
      revisions: [],
      extended: { a: [1, 2], b: 1 },
      components: [component.key],
      codeCount: 0,
      createdAt: new Date(),
      firstCodeIssuedAt: null,
      releasedAt: null,
    };
    expect(batchDifferences(existing, batchInfo)).toEqual([]);
    expect(batchDifferences({ ...existing, quantity: 4000 }, batchInfo).map((d) => d.field)).toEqual([
      "input.quantity",
    ]);
  });
});

describe("import report", () => {
  const result: CsvImportResult = {
    kind: "products",
    file: "p.csv",
    encoding: "utf-8",
    totals: { rows: 2, imported: 1, skipped: 0, rejected: 1 },
    ignoredColumns: [],
    aborted: null,
    outcomes: [
      { row: 2, status: "IMPORTED", id: "P1", code: null, problems: [] },
      {
        row: 3,
        status: "REJECTED",
        id: null,
        code: "BAD_USER_INPUT",
        problems: [
          { column: "型号", field: "input.model", rule: "required", message: "is required and may not be empty" },
          { column: "执行标准", field: "input.standardNo", rule: "standard number", message: '"=1+1" is not...' },
        ],
      },
    ],
  };

  it("prints each problem of a rejected row with the row, column, field and rule", () => {
    expect(rejectionLines(result)).toEqual([
      "  row 3  BAD_USER_INPUT 型号 (input.model) [required]: is required and may not be empty",
      '  row 3  BAD_USER_INPUT 执行标准 (input.standardNo) [standard number]: "=1+1" is not...',
    ]);
  });

  it("writes CSV with a BOM, every row, and cells that cannot run as formulas", () => {
    const csv = reportCsv({
      ...result,
      outcomes: [
        ...result.outcomes,
        {
          row: 4,
          status: "REJECTED",
          id: null,
          code: "CONFLICT",
          problems: [{ column: null, field: "input.id", rule: "unique", message: "=HYPERLINK(1)" }],
        },
      ],
    });
    const lines = csv.split("\r\n");
    expect(csv.startsWith("\uFEFFrow,status,id,code,column,field,rule,message\r\n")).toBe(true);
    expect(lines[1]).toBe("2,IMPORTED,P1,,,,,");
    expect(lines[2]).toBe("3,REJECTED,,BAD_USER_INPUT,型号,input.model,required,is required and may not be empty");
    expect(lines[4]).toBe("4,REJECTED,,CONFLICT,,input.id,unique,'=HYPERLINK(1)");
  });
});
