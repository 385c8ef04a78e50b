import { describe, expect, it } from "vitest";
import { cbvShortName, cbvWebUri, normaliseCbv } from "../../../src/epcis/cbv.js";

describe("CBV 2.0 vocabularies", () => {
  it("normalises the Web URI, CURIE and legacy URN spellings of a term to its short name", () => {
    for (const spelling of [
      "shipping",
      "https://ref.gs1.org/cbv/BizStep-shipping",
      "cbv:BizStep-shipping",
      "urn:epcglobal:cbv:bizstep:shipping",
      " shipping ",
    ]) {
      expect(cbvShortName("bizStep", spelling)).toBe("shipping");
    }
    expect(cbvShortName("disposition", "urn:epcglobal:cbv:disp:in_transit")).toBe("in_transit");
    expect(cbvShortName("sourceDestType", "https://ref.gs1.org/cbv/SDT-owning_party")).toBe("owning_party");
    expect(cbvShortName("errorReason", "urn:epcglobal:cbv:er:did_not_occur")).toBe("did_not_occur");
    expect(cbvShortName("bizTransactionType", "urn:epcglobal:cbv:btt:po")).toBe("po");
  });

  it("keeps a user-vocabulary URI as sent", () => {
    expect(normaliseCbv("bizStep", "https://example.com/bizstep/weighing")).toEqual({
      ok: true,
      value: "https://example.com/bizstep/weighing",
      standard: false,
    });
    expect(cbvShortName("bizStep", "https://example.com/bizstep/weighing")).toBeUndefined();
  });

  it("rejects an unknown short name and an unknown term under a CBV namespace", () => {
    expect(normaliseCbv("bizStep", "shiping").ok).toBe(false);
    expect(normaliseCbv("bizStep", "urn:epcglobal:cbv:bizstep:shiping").ok).toBe(false);
    expect(normaliseCbv("disposition", "https://ref.gs1.org/cbv/Disp-lost").ok).toBe(false);
    expect(normaliseCbv("sourceDestType", "owner").ok).toBe(false);
  });

  it("keeps vocabularies apart: a disposition is not a bizStep", () => {
    expect(normaliseCbv("bizStep", "in_transit").ok).toBe(false);
    expect(normaliseCbv("disposition", "urn:epcglobal:cbv:bizstep:shipping").ok).toBe(true);
    expect(cbvShortName("disposition", "urn:epcglobal:cbv:bizstep:shipping")).toBeUndefined();
  });

  it("writes standard terms as CBV 2.0 Web URIs", () => {
    expect(cbvWebUri("bizStep", "retail_selling")).toBe("https://ref.gs1.org/cbv/BizStep-retail_selling");
    expect(cbvWebUri("bizTransactionType", "urn:epcglobal:cbv:btt:desadv")).toBe("https://ref.gs1.org/cbv/BTT-desadv");
    expect(cbvWebUri("bizStep", "https://example.com/x")).toBe("https://example.com/x");
  });
});
