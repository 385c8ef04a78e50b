import { describe, expect, it } from "vitest";
import { IdentifierError } from "../../../src/codes/index.js";
import { canonicalOrSelf, resolveIdentifier } from "../../../src/codes/resolve-identifier.js";

describe("EPCIS identifiers", () => {
  it("gives an EPC URN and any Digital Link of one item the same canonical key", () => {
    const key = "https://id.gs1.org/01/10614141073464/21/2017";
    expect(resolveIdentifier("urn:epc:id:sgtin:0614141.107346.2017")).toEqual({
      key,
      kind: "ITEM",
      gtin: "10614141073464",
    });
    expect(resolveIdentifier("https://brand.example.com/01/10614141073464/21/2017?x=1").key).toBe(key);
  });

  it("keeps an http(s) URI that is not a Digital Link as an opaque key, trimmed and without kind", () => {
    expect(resolveIdentifier("  https://example.com/party/7 ")).toEqual({ key: "https://example.com/party/7" });
    expect(resolveIdentifier("geo:47.506694,11.104301")).toEqual({ key: "geo:47.506694,11.104301" });
  });

  it("rejects a malformed EPC URN, a Digital Link with a wrong check digit and a non-URI", () => {
    for (const bad of [
      "urn:epc:id:sgtin:0614141.2017",
      "urn:epc:id:nosuch:1.2",
      "https://example.com/01/10614141073465/21/2017",
      "not an identifier",
    ]) {
      expect(() => resolveIdentifier(bad), bad).toThrow(IdentifierError);
    }
  });

  it("falls back to the trimmed value where hashing needs a key for an invalid identifier", () => {
    expect(canonicalOrSelf(" urn:epc:id:sgtin:0614141.2017 ")).toBe("urn:epc:id:sgtin:0614141.2017");
  });
});
