import { describe, expect, it } from "vitest";
import { IdentifierError } from "../../../src/codes/identifier-error.js";
import { isRegionCode, regionCovers, regionLevel } from "../../../src/codes/region-code.js";

describe("isRegionCode", () => {
  it.each(["110000", "110101", "440000", "440300", "440305", "441900", "429004", "650000", "710000", "820000"])(
    "accepts %s",
    (code) => expect(isRegionCode(code)).toBe(true),
  );

  it.each(["100000", "160000", "830000", "440005", "44030", "4403055", "44030a", " 440305", ""])("rejects %s", (code) =>
    expect(isRegionCode(code)).toBe(false),
  );
});

describe("regionLevel", () => {
  it("tells province, prefecture and county apart", () => {
    expect(regionLevel("440000")).toBe("province");
    expect(regionLevel("440300")).toBe("prefecture");
    expect(regionLevel("440305")).toBe("county");
  });

  it("throws for a malformed code", () => {
    expect(() => regionLevel("999999")).toThrow(IdentifierError);
  });
});

describe("regionCovers", () => {
  it("lets a province cover every code below it", () => {
    expect(regionCovers("440000", "440000")).toBe(true);
    expect(regionCovers("440000", "440300")).toBe(true);
    expect(regionCovers("440000", "440305")).toBe(true);
    expect(regionCovers("440000", "441900")).toBe(true);
    expect(regionCovers("440000", "450100")).toBe(false);
  });

  it("lets a prefecture cover its counties but not its neighbours", () => {
    expect(regionCovers("440300", "440305")).toBe(true);
    expect(regionCovers("440300", "440300")).toBe(true);
    expect(regionCovers("440300", "441900")).toBe(false);
    expect(regionCovers("440300", "440000")).toBe(false);
  });

  it("lets a county cover only itself", () => {
    expect(regionCovers("440305", "440305")).toBe(true);
    expect(regionCovers("440305", "440306")).toBe(false);
    expect(regionCovers("440305", "440300")).toBe(false);
  });

  it("never covers with or over a malformed code", () => {
    expect(regionCovers("000000", "000001")).toBe(false);
    expect(regionCovers("440000", "44")).toBe(false);
    expect(regionCovers("44", "440305")).toBe(false);
  });
});
