import { describe, expect, it } from "vitest";
import { convertLength, isLengthUnit } from "../../../src/producer/length-units.js";

describe("length units", () => {
  it("knows metres and kilometres in both spellings", () => {
    expect(["m", "M", "米", "km", "千米"].map(isLengthUnit)).toEqual([true, true, true, true, true]);
    expect(["台", "卷", null, undefined].map(isLengthUnit)).toEqual([false, false, false, false]);
  });

  it("converts between them and refuses anything else", () => {
    expect(convertLength(2.5, "km", "m")).toBe(2500);
    expect(convertLength(400, "米", "千米")).toBe(0.4);
    expect(convertLength(1, "台", "m")).toBeUndefined();
  });
});
