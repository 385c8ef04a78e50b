import { describe, expect, it } from "vitest";
import { CSV_BOM, codeCsvLine, csvLine } from "../../../src/labels/codes-csv.js";
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
});
