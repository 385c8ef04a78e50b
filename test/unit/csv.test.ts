import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "../../src/csv/csv-row.js";

describe("csv", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const evil of ['=HYPERLINK("x")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvCell(evil).replace(/^"/, "")).toMatch(/^'/);
    }
  });

  it("quotes commas, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvRow(["a,b", 'say "hi"', "line\nbreak", "电线电缆", 3])).toBe(
      '"a,b","say ""hi""","line\nbreak",电线电缆,3\r\n',
    );
  });
});
