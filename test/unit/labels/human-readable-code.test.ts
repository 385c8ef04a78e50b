import { describe, expect, it } from "vitest";
import { humanReadableCode } from "../../../src/labels/human-readable-code.js";
import { splitRuns } from "../../../src/labels/text-runs.js";
import { ellipsize } from "../../../src/labels/label-plan.js";

describe("text printed on labels", () => {
  it("prints a trace code as it is and a GS1 key as its Human Readable Interpretation", () => {
    expect(humanReadableCode("BRJD-W5RT-P0KW-YQTF")).toBe("BRJD-W5RT-P0KW-YQTF");
    expect(humanReadableCode("https://id.gs1.org/01/06901234567892/10/L1")).toBe("(01) 06901234567892 (10) L1");
    expect(humanReadableCode("https://id.gs1.org/01/06901234567892/21/A%2FB%21")).toBe("(01) 06901234567892 (21) A/B!");
  });

  it("sets Chinese in the CJK font and Latin text in Helvetica, run by run", () => {
    expect(splitRuns("电缆 YJV22-8.7/15kV 3×95")).toEqual([
      { text: "电缆", cjk: true },
      { text: " YJV22-8.7/15kV 3×95", cjk: false },
    ]);
    expect(splitRuns("型号（B）")).toEqual([
      { text: "型号（", cjk: true },
      { text: "B", cjk: false },
      { text: "）", cjk: true },
    ]);
  });

  it("cuts a line that is too wide with an ellipsis, keeping what fits", () => {
    const width = (text: string) => [...text].length;
    expect(ellipsize("电力电缆ABC", 10, width)).toBe("电力电缆ABC");
    expect(ellipsize("电力电缆ABC", 5, width)).toBe("电力电缆…");
    expect(ellipsize("电力 电缆", 4, width)).toBe("电力…");
    expect(ellipsize("电力电缆", 1, width)).toBe("…");
    expect(ellipsize("电力电缆", 0, width)).toBe("");
  });
});
