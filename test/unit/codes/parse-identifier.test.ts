import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdentifierError } from "../../../src/codes/identifier-error.js";
import { canonicalKey, gtinOfKey, lotKey, parseIdentifier, productKey } from "../../../src/codes/parse-identifier.js";
import { generateTraceCode, generateTraceCodes } from "../../../src/codes/trace-code.js";
import { seededRandom } from "./seeded-random.js";

describe("parseIdentifier", () => {
  it.each([
    ["urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017"],
    ["urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908"],
    ["urn:epc:id:sgln:0614141.07346.1234", "https://id.gs1.org/414/0614141073467/254/1234"],
    ["urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877"],
    ["urn:epc:id:pgln:1234567.89012", "https://id.gs1.org/417/1234567890128"],
  ])("gives %s the contract key %s", (input, key) => {
    expect(canonicalKey(input)).toBe(key);
  });

  it.each([
    ["urn:epc:idpat:sgtin:4012345.012345.*", "PRODUCT", "gtin"],
    ["https://example.com/01/04012345123456", "PRODUCT", "gtin"],
    ["urn:epc:class:lgtin:4012345.012345.998877", "LOT", "lgtin"],
    ["urn:epc:id:sgtin:0614141.107346.2017", "ITEM", "sgtin"],
    ["urn:epc:id:grai:4012345.00022.334455", "ITEM", "grai"],
    ["urn:epc:id:giai:4012345.ABC345", "ITEM", "giai"],
    ["urn:epc:id:gsrn:4012345.0000006765", "ITEM", "gsrn"],
    ["urn:epc:id:gsrnp:4012345.0000000007", "ITEM", "gsrnp"],
    ["urn:epc:id:gdti:4012345.00009.PO-4711", "ITEM", "gdti"],
    ["urn:epc:id:cpi:0614141.123ABC.9", "ITEM", "cpi"],
    ["urn:epc:id:sgcn:0614141.55555.775533", "ITEM", "sgcn"],
    ["urn:epc:id:itip:4012345.011111.01.02.987", "ITEM", "itip"],
    ["urn:epc:id:upui:1234567.098765.TPX", "ITEM", "upui"],
    ["urn:epc:id:sscc:0614141.1234567890", "CONTAINER", "sscc"],
    ["urn:epc:id:ginc:0614141.xyz47", "CONTAINER", "ginc"],
    ["urn:epc:id:gsin:4012345.222333444", "CONTAINER", "gsin"],
    ["urn:epc:id:sgln:0614141.07346.0", "LOCATION", "sgln"],
    ["urn:epc:id:pgln:1234567.89012", "PARTY", "pgln"],
    ["uscc:91350100M000100Y43", "ORGANIZATION", "uscc"],
  ])("classifies %s as %s (%s)", (input, kind, scheme) => {
    expect(parseIdentifier(input)).toMatchObject({ kind, scheme });
  });

  it("reports GTIN, serial and lot where the identifier has them", () => {
    expect(parseIdentifier("urn:epc:id:sgtin:0614141.107346.2017")).toEqual({
      key: "https://id.gs1.org/01/10614141073464/21/2017",
      kind: "ITEM",
      scheme: "sgtin",
      gtin: "10614141073464",
      serial: "2017",
    });
    expect(parseIdentifier("https://x.cn/01/10614141073464/10/L%2F7/21/S1")).toMatchObject({
      lot: "L/7",
      serial: "S1",
    });
    expect(parseIdentifier("urn:epc:class:lgtin:4012345.012345.998877")).toMatchObject({ lot: "998877" });
  });

  it("maps every trace code type to its kind", () => {
    const kinds = {
      PRODUCT: "PRODUCT",
      BATCH: "LOT",
      ITEM: "ITEM",
      SEGMENT: "ITEM",
      BUNDLE: "CONTAINER",
      MOTHER: "CONTAINER",
    };
    for (const [type, kind] of Object.entries(kinds)) {
      const code = generateTraceCode(type as keyof typeof kinds, "BRJD");
      expect(parseIdentifier(code)).toEqual({ key: code, kind, scheme: "trace-code", traceCodeType: type });
    }
  });

  it("resolves a trace code given bare, in lower case, or in its QR URL on any host", () => {
    const code = generateTraceCode("ITEM", "BRJD", seededRandom(1));
    expect(canonicalKey(code.toLowerCase().replaceAll("-", ""))).toBe(code);
    expect(canonicalKey(`https://trace.example.cn/t/${code}`)).toBe(code);
    expect(canonicalKey(`http://localhost:4000/t/${code.toLowerCase()}`)).toBe(code);
  });

  it("names the whole QR URL when its code has a wrong check character", () => {
    const code = generateTraceCode("ITEM", "BRJD", seededRandom(1));
    const url = `https://trace.example.cn/t/${code.slice(0, -1)}${code.endsWith("0") ? "1" : "0"}`;
    expect(() => parseIdentifier(url)).toThrow(`Invalid identifier "${url}": wrong check character`);
  });

  it("upper-cases a uscc: id and its prefix", () => {
    expect(canonicalKey(" USCC:91350100m000100y43 ")).toBe("uscc:91350100M000100Y43");
  });

  it.each([
    ["uscc:91350100M000100Y44", "unified social credit code"],
    ["", "unknown scheme"],
    ["hello world", "unknown scheme"],
    ["urn:uuid:7c6b9ad0-5e26-4b1a-9a3e-2f6d1c3b4a5e", "unknown scheme"],
    ["10614141073464", "unknown scheme"],
    ["https://id.gs1.org/01/10614141073465/21/2017", "wrong check digit"],
  ])("rejects %j (%s)", (input, reason) => {
    expect(() => parseIdentifier(input)).toThrow(IdentifierError);
    expect(() => parseIdentifier(input)).toThrow(reason);
  });

  it("makes canonicalKey idempotent over trace codes and uscc ids", () => {
    const codes = generateTraceCodes("BUNDLE", "7K3Q", 200, seededRandom(2));
    fc.assert(
      fc.property(fc.constantFrom(...codes, "uscc:91350100m000100Y43"), fc.boolean(), (id, lower) => {
        const key = canonicalKey(lower ? id.toLowerCase() : id);
        expect(canonicalKey(key)).toBe(key);
      }),
    );
  });
});

describe("lotKey / productKey / gtinOfKey", () => {
  it("builds the same lot key as the LGTIN URN, escaping the lot as written", () => {
    expect(lotKey("04012345123456", "998877")).toBe(canonicalKey("urn:epc:class:lgtin:4012345.012345.998877"));
    expect(lotKey("04012345123456", "A/1")).toBe(canonicalKey("urn:epc:class:lgtin:4012345.012345.A%2F1"));
  });

  it("builds the product key and pads a GTIN-13", () => {
    expect(productKey("04012345123456")).toBe("https://id.gs1.org/01/04012345123456");
    expect(productKey("4012345123456")).toBe("https://id.gs1.org/01/04012345123456");
  });

  it("rejects a wrong check digit or an invalid lot", () => {
    expect(() => productKey("04012345123457")).toThrow(IdentifierError);
    expect(() => lotKey("04012345123456", "")).toThrow(IdentifierError);
    expect(() => lotKey("04012345123456", "x".repeat(21))).toThrow(IdentifierError);
  });

  it("finds the GTIN of product, lot and item keys only", () => {
    expect(gtinOfKey("https://id.gs1.org/01/04012345123456/10/998877")).toBe("04012345123456");
    expect(gtinOfKey("urn:epc:id:sgtin:0614141.107346.2017")).toBe("10614141073464");
    expect(gtinOfKey("https://id.gs1.org/00/106141412345678908")).toBeUndefined();
    expect(gtinOfKey("not an identifier")).toBeUndefined();
  });
});

describe("parseIdentifier memo", () => {
  it("answers a repeated spelling with the same frozen result and still rejects bad input every time", () => {
    const first = parseIdentifier("urn:epc:id:sgtin:0614141.107346.2017");
    expect(parseIdentifier("urn:epc:id:sgtin:0614141.107346.2017")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => parseIdentifier("urn:epc:id:sgtin:0614141.107346")).toThrow();
    expect(() => parseIdentifier("urn:epc:id:sgtin:0614141.107346")).toThrow();
  });
});
