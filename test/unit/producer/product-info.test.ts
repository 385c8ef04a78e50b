import { describe, expect, it } from "vitest";
import { checkManufacturerId, checkProductInfo } from "../../../src/producer/product-info.js";
import type { FieldProblem } from "../../../src/producer/field-problem.js";
import { TraceMode } from "../../../src/producer/producer-enums.js";

const VALID = "uscc:91350100M000100Y43";

describe("checkProductInfo", () => {
  const base = {
    manufacturerId: VALID,
    name: "电缆",
    model: "BV 2.5",
    category: "电线电缆",
    traceMode: TraceMode.PER_ITEM,
    standardNo: "GB/T 5023.3-2008",
  };

  it("normalises a GTIN-13 to GTIN-14 and keeps the info", () => {
    const { info, problems } = checkProductInfo({ ...base, gtin: "6901234567892" });
    expect(problems).toEqual([]);
    expect(info).toMatchObject({ gtin: "06901234567892", manufacturerId: VALID, brand: null, id: null });
  });

  it("names each problem's field and rule", () => {
    const { problems } = checkProductInfo({ ...base, name: "", gtin: "6901234567891", standardNo: "GB 5023" });
    expect(problems.map((p) => `${p.field} ${p.rule}`)).toEqual([
      "input.name required",
      "input.gtin GS1 check digit",
      "input.standardNo standard number",
    ]);
  });
});

describe("checkManufacturerId", () => {
  it("accepts `uscc:` or a bare code in any case, and rejects a wrong check character", () => {
    const problems: FieldProblem[] = [];
    expect(checkManufacturerId(" 91350100m000100y43 ", problems)).toBe(VALID);
    expect(checkManufacturerId(VALID.slice(0, -1) + "X", problems)).toBe(VALID.slice(0, -1) + "X");
    expect(checkManufacturerId("gln:123", problems)).toBe("gln:123");
    expect(problems.map((p) => p.rule)).toEqual(["GB 32100 check character", "uscc"]);
  });
});
