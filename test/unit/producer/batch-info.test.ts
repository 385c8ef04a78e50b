import { describe, expect, it } from "vitest";
import { gs1CheckDigit } from "../../../src/codes/index.js";
import { checkBatchInfo } from "../../../src/producer/batch-info.js";
import { categoryRequirement } from "../../../src/producer/category-rules.js";
import { chinaDate } from "../../../src/producer/china-date.js";
import type { BatchRequest } from "../../../src/producer/producer-requests.js";

const cable = { category: "WC", gtin: `0690123400001${gs1CheckDigit("0690123400001")}` };
const input = (extra: Partial<BatchRequest> = {}): BatchRequest => ({
  productId: "p",
  batchNo: "L1",
  productionDate: new Date("2026-01-10T00:00:00Z"),
  quantity: 100,
  unit: "m",
  inspectionResult: "合格",
  licenceNo: "XK06-001-00123",
  cccCertNo: "2020010105123456",
  ...extra,
});
const rules = (extra: Partial<BatchRequest>, now = new Date("2026-02-01T00:00:00Z")) =>
  checkBatchInfo(input(extra), cable, now).problems.map((p) => `${p.field} ${p.rule}`);

describe("checkBatchInfo", () => {
  it("accepts complete basic info", () => {
    expect(rules({})).toEqual([]);
    expect(rules({ licenceNo: "(粤)XK06-001-00123" })).toEqual([]);
  });

  it("judges 'future' by the calendar day in China", () => {
    // 2026-01-31T17:00Z is already 1 February in China.
    expect(rules({ productionDate: new Date("2026-02-01T00:00:00Z") }, new Date("2026-01-31T17:00:00Z"))).toEqual([]);
    expect(rules({ productionDate: new Date("2026-02-01T00:00:00Z") }, new Date("2026-01-31T15:00:00Z"))).toEqual([
      "input.productionDate not in the future",
    ]);
    expect(chinaDate(new Date("2026-01-31T16:00:00Z"))).toBe("2026-02-01");
  });

  it("needs a GS1-compatible batch number when the product has a GTIN", () => {
    expect(rules({ batchNo: "L".repeat(21) })).toEqual(["input.batchNo GS1 lot"]);
  });

  it("names every missing certificate of the category", () => {
    expect(rules({ licenceNo: null, cccCertNo: " " })).toEqual([
      "input.licenceNo required for category",
      "input.cccCertNo required for category",
    ]);
    expect(rules({ cccCertNo: "CCC-1" })).toEqual(["input.cccCertNo format"]);
  });

  it("parses components and rejects organisations and malformed keys by index", () => {
    const { info, problems } = checkBatchInfo(
      input({ components: ["urn:epc:class:lgtin:6901234.012345.L1", "uscc:91350100M000100Y43", "XYZ"] }),
      cable,
    );
    expect(info.components.map((c) => c.kind)).toEqual(["LOT"]);
    expect(problems.map((p) => `${p.field} ${p.rule}`)).toEqual([
      "input.components[1] component kind",
      expect.stringMatching(/^input\.components\[2\] /),
    ]);
  });
});

describe("categoryRequirement", () => {
  it.each([
    ["电线电缆", true, true],
    ["WC", true, true],
    ["家用燃气灶具", false, true],
    ["电动自行车", false, true],
    ["燃气热水器", false, true],
    ["GA.WH", false, true],
    ["ga.wh", false, true],
    ["玩具", false, true],
    ["水泥", true, false],
    // Matched by code or exact name, never by a word inside a name.
    ["燃气器具配件", false, false],
    ["儿童玩具", false, false],
    ["电线电缆（450/750V）", false, false],
  ])("%s: licence %s, CCC %s", (category, licence, ccc) => {
    expect(categoryRequirement(category)).toEqual({ licence, ccc });
  });
});
