import { describe, expect, it } from "vitest";
import { allocatedLength, checkSegments } from "../../../src/producer/segments.js";

const field = (i: number) => `children[${i}]`;

describe("checkSegments", () => {
  it("accepts touching, non-overlapping segments within the length", () => {
    const existing = [{ code: "A", start: 0, end: 100 }];
    expect(checkSegments(existing, [{ code: "B", start: 100, end: 250 }], 250, field)).toEqual([]);
  });

  it("rejects a segment overlapping an existing one, naming the new one's field", () => {
    const problems = checkSegments(
      [{ code: "A", start: 0, end: 100 }],
      [{ code: "B", start: 99, end: 150 }],
      null,
      field,
    );
    expect(problems).toEqual([expect.objectContaining({ field: "children[0]", rule: "no overlap" })]);
  });

  it("rejects overlapping new segments and one contained in another", () => {
    const added = [
      { code: "A", start: 0, end: 500 },
      { code: "B", start: 100, end: 200 },
    ];
    expect(checkSegments([], added, 1000, field).map((p) => p.rule)).toEqual(["no overlap"]);
  });

  it("rejects a segment past the parent's length and an empty or negative range", () => {
    const added = [
      { code: "A", start: 900, end: 1000.5 },
      { code: "B", start: 5, end: 5 },
      { code: "C", start: -1, end: 2 },
    ];
    expect(checkSegments([], added, 1000, field).map((p) => `${p.field} ${p.rule}`)).toEqual([
      "children[0] within parent length",
      "children[1] segment range",
      "children[2] segment range",
    ]);
  });

  it("adds up the allocated length", () => {
    expect(
      allocatedLength([
        { code: "A", start: 0, end: 400 },
        { code: "B", start: 400, end: 1000 },
      ]),
    ).toBe(1000);
  });
});
