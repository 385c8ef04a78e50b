import { describe, expect, it } from "vitest";
import { BadUserInputError } from "../../../src/errors/app-errors.js";
import { chineseMessage } from "../../../src/errors/chinese-messages.js";
import {
  LABEL_FIELDS,
  defaultFields,
  fieldText,
  parseLabelFields,
  rangeText,
  type LabelContent,
} from "../../../src/labels/label-fields.js";
import { ROLL_FORMATS, assertQrRoom, parseLabelFormat } from "../../../src/labels/label-format.js";
import { DEFAULT_LAYOUT } from "../../../src/labels/label-layout.js";

function problem(run: () => unknown): BadUserInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error("was accepted");
}

describe("label formats (?format=)", () => {
  it("defaults to A4 sheets laid out by the sheet parameters", () => {
    expect(parseLabelFormat({})).toEqual({ kind: "sheet", layout: DEFAULT_LAYOUT, width: 63.5, height: 33.9 });
    expect(parseLabelFormat({ format: "A4", labelWidth: "50", labelHeight: "40" })).toMatchObject({
      kind: "sheet",
      width: 50,
      height: 40,
    });
  });

  it("takes a roll label size WxH in mm: the common ones and any other within bounds", () => {
    for (const name of ROLL_FORMATS) {
      const [width, height] = name.split("x").map(Number);
      expect(parseLabelFormat({ format: name })).toEqual({ kind: "roll", width, height });
    }
    expect(parseLabelFormat({ format: "57.5×32" })).toEqual({ kind: "roll", width: 57.5, height: 32 });
  });

  it.each([["50"], ["50x"], ["x30"], ["10x30"], ["50x300"], ["a5"], ["50x30x2"], ["-50x30"]])(
    "rejects format=%s, naming the parameter",
    (format) => {
      const error = problem(() => parseLabelFormat({ format }));
      expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "format", rule: "label format" });
      expect(error.message).toContain("40x30");
    },
  );

  it("refuses sheet layout parameters with a roll format rather than ignore them", () => {
    const error = problem(() => parseLabelFormat({ format: "50x30", columns: "2" }));
    expect(error.extensions).toMatchObject({ field: "columns", rule: "sheet layout only" });
  });

  it("refuses a label without room for a QR symbol a 203-dpi printer prints, naming what sets its size", () => {
    const tinyRoll = parseLabelFormat({ format: "20x20" });
    expect(problem(() => assertQrRoom(tinyRoll, LABEL_FIELDS)).extensions).toMatchObject({ field: "format" });
    const tinySheet = parseLabelFormat({ labelWidth: "15", labelHeight: "15" });
    expect(problem(() => assertQrRoom(tinySheet, ["qr", "code"])).extensions).toMatchObject({ field: "labelHeight" });
    // Without the QR symbol any size will do; every common roll size has room for every field.
    expect(() => assertQrRoom(tinyRoll, ["code", "name"])).not.toThrow();
    for (const format of ROLL_FORMATS)
      expect(() => assertQrRoom(parseLabelFormat({ format }), LABEL_FIELDS)).not.toThrow();
    expect(() => assertQrRoom(parseLabelFormat({}), LABEL_FIELDS)).not.toThrow();
  });
});

describe("label fields (?fields=)", () => {
  it("keeps the fields asked for in priority order, each once, whatever order they were given in", () => {
    expect(parseLabelFields("date,qr,NAME, code,date", [])).toEqual(["qr", "code", "name", "date"]);
    expect(parseLabelFields(undefined, ["qr", "code"])).toEqual(["qr", "code"]);
  });

  it.each([[""], ["qr,,code"], ["qr,colour"], [["qr", "code"]]])("rejects fields=%j, naming the parameter", (raw) => {
    expect(problem(() => parseLabelFields(raw, [])).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "fields",
    });
  });

  it("gives small labels fewer fields by default, large ones all", () => {
    expect(defaultFields(40, 30)).toEqual(["qr", "code", "name", "batch"]);
    expect(defaultFields(50, 30)).toEqual(["qr", "code", "name", "model", "batch"]);
    expect(defaultFields(60, 40)).toEqual(["qr", "code", "name", "model", "batch", "date", "type", "range"]);
    expect(defaultFields(100, 70)).toEqual([...LABEL_FIELDS]);
  });

  it("prints each field as a line of Chinese text, nothing where the code has nothing", () => {
    const content: LabelContent = {
      url: "https://trace.example.cn/t/BRJD-S5RT-P0KW-YQT1",
      code: "BRJD-S5RT-P0KW-YQT1",
      name: "电力电缆",
      model: "YJV22",
      batchNo: "L1",
      productionDate: "2026-11-30",
      maker: "粤缆",
      codeType: "SEGMENT",
      range: rangeText({ start: 1000, end: 2500, unit: "m" }, null),
    };
    expect(fieldText("name", content)).toBe("电力电缆");
    expect(fieldText("model", content)).toBe("型号 YJV22");
    expect(fieldText("batch", content)).toBe("批号 L1");
    expect(fieldText("date", content)).toBe("生产日期 2026-11-30");
    expect(fieldText("maker", content)).toBe("粤缆");
    expect(fieldText("type", content)).toBe("子码");
    expect(fieldText("range", content)).toBe("区段 1000–2500 m");
    expect(rangeText(null, { value: 3000, unit: "米" })).toBe("全长 3000 米");
    expect(fieldText("range", { ...content, range: rangeText(null, null) })).toBe("");
    expect(fieldText("model", { ...content, model: "" })).toBe("");
  });
});

describe("label problems in Chinese (Accept-Language: zh)", () => {
  it("says each rule of the label parameters", () => {
    const zh = (error: BadUserInputError) => chineseMessage("BAD_USER_INPUT", error.extensions);
    expect(zh(problem(() => parseLabelFormat({ format: "abc" })))).toMatch(/^标签规格须为 a4/);
    expect(zh(problem(() => parseLabelFormat({ format: "50x30", columns: "2" })))).toMatch(/^标签列数只适用于 A4/);
    expect(zh(problem(() => parseLabelFields("qr,colour", [])))).toMatch(/^标签内容只能是 qr、code/);
    const tiny = parseLabelFormat({ format: "20x20" });
    expect(zh(problem(() => assertQrRoom(tiny, LABEL_FIELDS)))).toMatch(/^标签规格太小，放不下 203 dpi/);
  });
});
