import { describe, expect, it } from "vitest";
import { CSV_BOM, codeCsvLine, codeCsvLines, csvLine } from "../../../src/labels/codes-csv.js";
import { csvCell as csvField } from "../../../src/csv/csv-row.js";

describe("codes CSV", () => {
  it.each(["=1+2", "+31 20", "-5", "@SUM(A1)", "\tx", "\rx"])("makes %j text, never a formula", (value) => {
    expect(csvField(value)).toMatch(/^"?'/);
  });

  it("leaves ordinary values as they are", () => {
    for (const value of ["BRJD-W5RT-P0KW-YQTF", "聚氯乙烯绝缘电缆", "BV 450/750V", "1-2", "a=b"]) {
      expect(csvField(value)).toBe(value);
    }
  });

  it("quotes commas, quotes and line breaks (RFC 4180), after escaping a formula", () => {
    expect(csvField('电缆,"粗"')).toBe('"电缆,""粗"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });

  it("ends records with CRLF and starts the file with a BOM", () => {
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
    expect(CSV_BOM).toBe("\uFEFF");
    const row = { code: "C", url: "http://h/t/C", status: "ACTIVE", product: "=p", model: "m", batch: "L1" };
    expect(codeCsvLine(row)).toBe("C,http://h/t/C,ACTIVE,'=p,m,L1\r\n");
  });

  it("writes a page of rows as the same lines row by row would, shared cells escaped whichever row changes them", () => {
    const rows = [
      { code: "C1", url: "http://h/t/C1", status: "ACTIVE", product: "=p", model: "m", batch: "L1" },
      { code: "=C2", url: "http://h/t/C2", status: "VOID", product: "=p", model: "m", batch: "L1" },
      { code: "C3", url: "http://h/t/C3", status: "ACTIVE", product: "电缆,粗", model: "m", batch: "L1" },
      { code: "C4", url: "http://h/t/C4", status: "ACTIVE", product: "电缆,粗", model: "-m", batch: "L1" },
      { code: "C5", url: "http://h/t/C5", status: "ACTIVE", product: "电缆,粗", model: "-m", batch: '"L2"' },
    ];
    const rowByRow = rows.map((row) => codeCsvLine(row)).join("");
    expect(codeCsvLines(rows, 1)).toBe(rowByRow);
    expect(codeCsvLines(rows, 2)).toBe(rows.map((row) => codeCsvLine(row).repeat(2)).join(""));
    expect(codeCsvLines([], 3)).toBe("");
  });
});
