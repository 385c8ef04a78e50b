import { describe, expect, it } from "vitest";
import { chineseMessage, prefersChinese } from "../../../src/errors/chinese-messages.js";

describe("prefersChinese", () => {
  it.each([
    ["zh-CN", true],
    ["zh", true],
    ["zh-Hans-CN,zh;q=0.9", true],
    ["en-US,zh-CN;q=0.9", false],
    ["en;q=0.5,zh-CN;q=0.8", true],
    ["", false],
    [undefined, false],
    ["zh;q=0", false],
  ])("%s: %s", (header, expected) => {
    expect(prefersChinese(header)).toBe(expected);
  });
});

describe("chineseMessage", () => {
  it("says a field and its rule", () => {
    expect(chineseMessage("BAD_USER_INPUT", { field: "input.quantity", rule: "positive" })).toBe("数量必须大于 0");
    expect(chineseMessage("BAD_USER_INPUT", { field: "input.components[1]", rule: "GS1 check digit" })).toBe(
      "原材料/部件（第 2 项）校验位错误（GS1）",
    );
  });

  it("says why a maker without a USCC registers no product, and why an identifier is another's", () => {
    expect(chineseMessage("BAD_USER_INPUT", { field: "input.manufacturerId", rule: "maker has a USCC" })).toBe(
      "生产企业（统一社会信用代码）尚未登记统一社会信用代码，请先为该企业添加统一社会信用代码（addOrganizationIdentifiers）",
    );
    expect(chineseMessage("CONFLICT", { field: "identifiers[0]", rule: "identifier of one organisation" })).toBe(
      "该标识（统一社会信用代码或 GLN）已属于另一个组织",
    );
    expect(chineseMessage("CONFLICT", {})).toBe("已存在相同标识的记录，不能重复创建");
  });

  it("names an unknown rule rather than inventing one", () => {
    expect(chineseMessage("BAD_USER_INPUT", { field: "input.unit", rule: "something new" })).toBe(
      "单位输入有误（something new）",
    );
  });

  it("says the producer's FORBIDDEN reasons, and the others by code", () => {
    expect(chineseMessage("FORBIDDEN", { rule: "release needs inspection 合格" })).toContain("不能出厂");
    expect(chineseMessage("NOT_FOUND", {})).toBe("所请求的对象不存在");
    expect(chineseMessage("SOMETHING_ELSE", {})).toBeNull();
  });
});
