import { describe, expect, it } from "vitest";
import { normalizeStandardNo } from "../../../src/producer/standard-number.js";

describe("normalizeStandardNo", () => {
  it.each([
    "GB/T 12706.1-2020",
    "GB 17761-2024",
    "Q/XXX 001-2023",
    "JB/T 8734.2-2016",
    "T/CEEIA 280-2017",
    "DB44/T 1234-2021",
  ])("accepts %s", (value) => {
    expect(normalizeStandardNo(value)).toBe(value);
  });

  it("normalises case, spacing and dash variants", () => {
    expect(normalizeStandardNo("  gb/t   12706.1－2020 ")).toBe("GB/T 12706.1-2020");
  });

  it.each(["GB12706", "GB/T 12706.1", "ISO 9001-2015x", "12706-2020", "GB/T 12706.1-1820", ""])(
    "rejects %j",
    (value) => {
      expect(normalizeStandardNo(value)).toBeNull();
    },
  );
});
