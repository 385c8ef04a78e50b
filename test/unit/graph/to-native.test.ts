import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { dateTimeToIso, toNative, viaDriverString } from "../../../src/graph/to-native.js";

const { DateTime } = neo4j.types;
const int = neo4j.int;

/** DateTimes as the driver builds them from the wire: Integer fields, an offset or a zone name. */
function dateTime(fields: [number, number, number, number, number, number, number], offset?: number, zone?: string) {
  const [y, mo, d, h, mi, s, ns] = fields;
  return new DateTime(
    int(y),
    int(mo),
    int(d),
    int(h),
    int(mi),
    int(s),
    int(ns),
    offset === undefined ? undefined : int(offset),
    zone,
  );
}

describe("toNative DateTime", () => {
  const cases = [
    dateTime([2024, 12, 1, 8, 0, 0, 0], 0),
    dateTime([2024, 12, 1, 8, 0, 0, 123_456_789], 0),
    dateTime([2024, 12, 1, 8, 0, 0, 999_999_999], 0),
    dateTime([2024, 2, 29, 23, 59, 59, 1_000_000], 8 * 3600),
    dateTime([2025, 1, 1, 0, 30, 0, 500_000_000], -5 * 3600 - 30 * 60),
    dateTime([1970, 1, 1, 0, 0, 0, 1], 0),
    dateTime([1969, 12, 31, 23, 59, 59, 999_000_000], 0),
    dateTime([9999, 12, 31, 23, 59, 59, 0], 0),
  ];

  it("gives the same instant as the driver's own string, to the millisecond", () => {
    for (const value of cases) expect(dateTimeToIso(value)).toBe(viaDriverString(value));
  });

  it("converts offsets to UTC", () => {
    expect(toNative(dateTime([2024, 12, 1, 8, 0, 0, 0], 8 * 3600))).toBe("2024-12-01T00:00:00.000Z");
    expect(toNative(dateTime([2024, 12, 1, 8, 0, 0, 7_654_321], 0))).toBe("2024-12-01T08:00:00.007Z");
  });

  it("takes the driver's string for a named zone and for years Date.UTC reads differently", () => {
    const zoned = dateTime([2024, 6, 1, 12, 0, 0, 0], 8 * 3600, "Asia/Shanghai");
    expect(dateTimeToIso(zoned)).toBe(viaDriverString(zoned));
    const early = dateTime([50, 6, 1, 12, 0, 0, 0], 0);
    expect(dateTimeToIso(early)).toBe(viaDriverString(early));
    expect(dateTimeToIso(early).startsWith("0050-")).toBe(true);
  });

  it("converts plain numbers in the fields too", () => {
    const value = new DateTime(2024, 12, 1, 8, 0, 0, 0, 3600);
    expect(dateTimeToIso(value)).toBe("2024-12-01T07:00:00.000Z");
  });
});
