import { describe, expect, it } from "vitest";
import { epcOfKey, generateTraceCode, parseIdentifier } from "../../../src/codes/index.js";

describe("epcOfKey", () => {
  it("spells our trace code as its canonical URL, which parses back to the same key", () => {
    const code = generateTraceCode("ITEM", "BRJD");
    const epc = epcOfKey("https://trace.example.cn/", code);
    expect(epc).toBe(`https://trace.example.cn/t/${code}`);
    expect(parseIdentifier(epc).key).toBe(code);
  });

  it("keeps every other key as its own EPC", () => {
    const gs1 = "https://id.gs1.org/01/09521234543213/21/1";
    expect(epcOfKey("https://trace.example.cn", gs1)).toBe(gs1);
    expect(epcOfKey("https://trace.example.cn", "uscc:91350100M000100Y43")).toBe("uscc:91350100M000100Y43");
  });
});
