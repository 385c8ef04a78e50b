import { describe, expect, it } from "vitest";
import { parseDigitalLink } from "../../../src/codes/gs1-digital-link.js";
import { gs1KeyUrl } from "../../../src/codes/gs1-key.js";
import { IdentifierError } from "../../../src/codes/identifier-error.js";

const keyOf = (uri: string): string => gs1KeyUrl(parseDigitalLink(uri));

describe("parseDigitalLink", () => {
  it.each([
    ["https://id.gs1.org/01/09506000134352/21/12345", "https://id.gs1.org/01/09506000134352/21/12345"],
    ["https://id.gs1.org/01/09506000134352/10/ABC", "https://id.gs1.org/01/09506000134352/10/ABC"],
    ["https://id.gs1.org/01/09506000134352", "https://id.gs1.org/01/09506000134352"],
    ["https://id.gs1.org/00/106141412345678908", "https://id.gs1.org/00/106141412345678908"],
    ["https://id.gs1.org/414/0614141073467/254/1234", "https://id.gs1.org/414/0614141073467/254/1234"],
    ["https://id.gs1.org/417/1234567890128", "https://id.gs1.org/417/1234567890128"],
    ["https://id.gs1.org/8003/04012345000221334455", "https://id.gs1.org/8003/04012345000221334455"],
    ["https://id.gs1.org/8004/4012345ABC345", "https://id.gs1.org/8004/4012345ABC345"],
    ["https://id.gs1.org/8018/401234500000067657", "https://id.gs1.org/8018/401234500000067657"],
    ["https://id.gs1.org/8017/401234500000000074", "https://id.gs1.org/8017/401234500000000074"],
    ["https://id.gs1.org/253/4012345000092PO-4711", "https://id.gs1.org/253/4012345000092PO-4711"],
    ["https://id.gs1.org/8010/0614141123ABC/8011/9", "https://id.gs1.org/8010/0614141123ABC/8011/9"],
    ["https://id.gs1.org/255/0614141555550775533", "https://id.gs1.org/255/0614141555550775533"],
    ["https://id.gs1.org/401/0614141xyz47", "https://id.gs1.org/401/0614141xyz47"],
    ["https://id.gs1.org/402/40123452223334442", "https://id.gs1.org/402/40123452223334442"],
    ["https://id.gs1.org/8006/040123451111180102/21/987", "https://id.gs1.org/8006/040123451111180102/21/987"],
    ["https://id.gs1.org/01/01234567987651/235/TPX1", "https://id.gs1.org/01/01234567987651/235/TPX1"],
  ])("accepts %s", (uri, key) => {
    expect(keyOf(uri)).toBe(key);
  });

  it("ignores host, scheme case, path prefix, query string, fragment and a trailing slash", () => {
    const key = "https://id.gs1.org/01/09506000134352/21/12345";
    expect(keyOf("http://example.com/01/09506000134352/21/12345")).toBe(key);
    expect(keyOf("HTTPS://Shop.Example.CN:8443/a/b/c/01/09506000134352/21/12345?17=291231&linkType=all#x")).toBe(key);
    expect(keyOf("https://example.com/01/09506000134352/21/12345/")).toBe(key);
  });

  it("finds the key even when the path prefix itself contains an AI-like segment", () => {
    expect(keyOf("https://example.com/01/shop/01/09506000134352/21/7")).toBe(
      "https://id.gs1.org/01/09506000134352/21/7",
    );
  });

  it("left-pads GTIN-8, GTIN-12 and GTIN-13 to GTIN-14", () => {
    expect(keyOf("https://example.com/01/96385074")).toBe("https://id.gs1.org/01/00000096385074");
    expect(keyOf("https://example.com/01/614141123452")).toBe("https://id.gs1.org/01/00614141123452");
    expect(keyOf("https://example.com/01/9506000134352/21/1")).toBe("https://id.gs1.org/01/09506000134352/21/1");
  });

  it("names the item by GTIN and serial when a lot sits between them, and keeps the lot", () => {
    const key = parseDigitalLink("https://example.com/01/09506000134352/10/L1/21/S1");
    expect(gs1KeyUrl(key)).toBe("https://id.gs1.org/01/09506000134352/21/S1");
    expect(key.scheme).toBe("sgtin");
    expect(key.lot).toBe("L1");
  });

  it("drops the GLN extension 0, TDS's spelling of no extension", () => {
    expect(keyOf("https://example.com/414/0614141073467/254/0")).toBe("https://id.gs1.org/414/0614141073467");
  });

  it("decodes percent-escapes in any case and encodes every non-unreserved character", () => {
    expect(keyOf("https://example.com/01/09506000134352/21/a%2fb!'()*")).toBe(
      "https://id.gs1.org/01/09506000134352/21/a%2Fb%21%27%28%29%2A",
    );
  });

  it.each([
    ["https://id.gs1.org/01/09506000134353", "wrong check digit (expected 2)"],
    ["https://id.gs1.org/00/106141412345678907", "wrong check digit"],
    ["https://id.gs1.org/414/0614141073468", "wrong check digit"],
    ["https://id.gs1.org/01/09506000134", "14 digits"],
    ["https://id.gs1.org/01/09506000134352/21/", "no GS1 key"],
    ["https://id.gs1.org/01/09506000134352/22/V1/10/L1", "no GS1 key"],
    ["https://id.gs1.org/8003/04012345000222", "wrong check digit"], // an asset type, mistyped
    ["https://id.gs1.org/8003/14012345000221X", "start with the digit 0"],
    ["https://id.gs1.org/8011/5", "no GS1 key"],
    ["https://id.gs1.org/01/09506000134352/21/a%zz", "malformed percent-escape"],
    ["https://id.gs1.org/01/09506000134352/21/%C3%A9", "character set 82"],
    ["https://example.com/products/42", "no GS1 key"],
    ["ftp://example.com/01/09506000134352", "malformed URI"],
    ["https://exa mple.com/01/09506000134352", "malformed URI"],
  ])("rejects %s (%s)", (uri, reason) => {
    expect(() => parseDigitalLink(uri)).toThrow(IdentifierError);
    expect(() => parseDigitalLink(uri)).toThrow(reason);
  });
});
