import { describe, expect, it } from "vitest";
import { BadUserInputError } from "../../../src/errors/app-errors.js";
import { DEFAULT_LAYOUT, labelsPerPage, parseLabelLayout } from "../../../src/labels/label-layout.js";

function problem(query: Record<string, string>): BadUserInputError {
  try {
    parseLabelLayout(query);
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(query)} was accepted`);
}

describe("label layout", () => {
  it("defaults to 24-up A4 stock: 3 columns × 8 rows of 63.5 × 33.9 mm", () => {
    const layout = parseLabelLayout({});
    expect(layout).toEqual(DEFAULT_LAYOUT);
    expect(labelsPerPage(layout)).toBe(24);
  });

  it("fits as many columns and rows as the label size allows when they are not given", () => {
    const layout = parseLabelLayout({
      labelWidth: "50",
      labelHeight: "50",
      marginLeft: "5",
      marginTop: "5",
      gapX: "0",
    });
    expect(layout.columns).toBe(4);
    expect(layout.rows).toBe(5);
  });

  it("takes explicit columns and rows when they fit", () => {
    const layout = parseLabelLayout({ columns: "2", rows: "5", labelWidth: "90", labelHeight: "50" });
    expect(layout).toMatchObject({ columns: 2, rows: 5, labelWidth: 90, labelHeight: 50 });
  });

  it.each([
    [{ columns: "0" }, "columns"],
    [{ columns: "2.5" }, "columns"],
    [{ rows: "99" }, "rows"],
    [{ labelWidth: "abc" }, "labelWidth"],
    [{ labelWidth: "-3" }, "labelWidth"],
    [{ marginTop: "1e3" }, "marginTop"],
    [{ gapX: "51" }, "gapX"],
  ])("rejects %j out of bounds, naming the parameter", (query, field) => {
    const error = problem(query);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(error.message).toContain(field);
  });

  it("rejects a layout that does not fit on A4", () => {
    expect(problem({ columns: "4" }).extensions.field).toBe("columns");
    expect(problem({ rows: "9" }).extensions.field).toBe("rows");
    expect(problem({ labelWidth: "100", columns: "3", marginLeft: "0" }).message).toContain("do not fit across A4");
  });
});
