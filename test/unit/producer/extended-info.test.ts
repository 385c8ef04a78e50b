import { describe, expect, it } from "vitest";
import { applyExtendedPatch, filledExtendedFields, stableJson } from "../../../src/producer/extended-info.js";

describe("applyExtendedPatch", () => {
  it("records only real changes, with before and after", () => {
    const { next, changes } = applyExtendedPatch(
      { warranty: "2 年", salesRegions: ["440000"] },
      { warranty: "3 年", salesRegions: ["440000"], testReports: ["R1"] },
    );
    expect(next).toEqual({ warranty: "3 年", salesRegions: ["440000"], testReports: ["R1"] });
    expect(changes).toEqual({
      warranty: { before: "2 年", after: "3 年" },
      testReports: { before: null, after: ["R1"] },
    });
  });

  it("removes a field set to null", () => {
    const { next, changes } = applyExtendedPatch({ warranty: "2 年" }, { warranty: null });
    expect(next).toEqual({});
    expect(changes).toEqual({ warranty: { before: "2 年", after: null } });
  });

  it("treats objects with the same keys in another order as unchanged", () => {
    const { changes } = applyExtendedPatch(
      { distributor: { id: "a", name: "b" } },
      { distributor: { name: "b", id: "a" } },
    );
    expect(changes).toEqual({});
    expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});

describe("filledExtendedFields", () => {
  it("counts recommended fields with a non-empty value", () => {
    expect(
      filledExtendedFields({ warranty: "2 年", testReports: [], certificates: {}, salesChannel: " ", other: 1 }),
    ).toEqual(["warranty"]);
  });
});
