import { describe, expect, it } from "vitest";
import { gs1KeyUrl } from "../../../src/codes/gs1-key.js";
import { isEpcUrn, parseEpcUrn } from "../../../src/codes/gs1-urn.js";
import { IdentifierError } from "../../../src/codes/identifier-error.js";

const keyOf = (urn: string): string => gs1KeyUrl(parseEpcUrn(urn));

describe("parseEpcUrn", () => {
  // Expected keys checked against the TDS examples and recomputed with gs1CheckDigit (see gs1-check-digit.test.ts).
  it.each([
    ["urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017"],
    ["urn:epc:id:sgtin:415056789012.0.987654", "https://id.gs1.org/01/04150567890128/21/987654"],
    ["urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908"],
    ["urn:epc:id:sgln:0614141.07346.1234", "https://id.gs1.org/414/0614141073467/254/1234"],
    ["urn:epc:id:sgln:0614141.07346.0", "https://id.gs1.org/414/0614141073467"],
    ["urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877"],
    ["urn:epc:idpat:sgtin:4012345.012345.*", "https://id.gs1.org/01/04012345123456"],
    ["urn:epc:id:pgln:1234567.89012", "https://id.gs1.org/417/1234567890128"],
    ["urn:epc:id:pgln:999999999999.", "https://id.gs1.org/417/9999999999994"],
    ["urn:epc:id:grai:4012345.00022.334455", "https://id.gs1.org/8003/04012345000221334455"],
    ["urn:epc:id:giai:4012345.ABC345", "https://id.gs1.org/8004/4012345ABC345"],
    ["urn:epc:id:gsrn:4012345.0000006765", "https://id.gs1.org/8018/401234500000067657"],
    ["urn:epc:id:gsrnp:4012345.0000000007", "https://id.gs1.org/8017/401234500000000074"],
    ["urn:epc:id:gdti:4012345.00009.PO-4711", "https://id.gs1.org/253/4012345000092PO-4711"],
    ["urn:epc:id:cpi:0614141.123ABC-%23%2F.123456789", "https://id.gs1.org/8010/0614141123ABC-%23%2F/8011/123456789"],
    ["urn:epc:id:sgcn:0614141.55555.775533", "https://id.gs1.org/255/0614141555550775533"],
    ["urn:epc:id:ginc:0614141.xyz47%2F11", "https://id.gs1.org/401/0614141xyz47%2F11"],
    ["urn:epc:id:gsin:4012345.222333444", "https://id.gs1.org/402/40123452223334442"],
    ["urn:epc:id:itip:4012345.011111.01.02.987", "https://id.gs1.org/8006/040123451111180102/21/987"],
    ["urn:epc:id:upui:1234567.098765.51qIgY)%3C", "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C"],
  ])("maps %s to %s", (urn, key) => {
    expect(keyOf(urn)).toBe(key);
  });

  it("moves the SGTIN indicator digit in front of the company prefix", () => {
    expect(keyOf("urn:epc:id:sgtin:0614141.812345.6789")).toBe("https://id.gs1.org/01/80614141123458/21/6789");
  });

  it("decodes URN escapes and re-encodes them the Digital Link way", () => {
    const key = parseEpcUrn("urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()");
    expect(key.elements[1]).toEqual({ ai: "21", value: '6789/&%"!?()' });
    expect(gs1KeyUrl(key)).toBe("https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29");
  });

  it("keeps dots inside the serial, the last component", () => {
    expect(keyOf("urn:epc:id:sgtin:0614141.107346.A.B.C")).toBe("https://id.gs1.org/01/10614141073464/21/A.B.C");
  });

  it("ignores surrounding spaces and the case of the urn:epc prefix but not of the serial", () => {
    expect(keyOf("  URN:EPC:ID:SGTIN:0614141.107346.abC \n")).toBe("https://id.gs1.org/01/10614141073464/21/abC");
  });

  it.each([
    ["urn:epc:id:sgtin:0614141.10734.2017", "13 digits"], // CP + IR one digit short
    ["urn:epc:id:sgtin:06141.1073461.2017", "6 to 12 digits"], // company prefix too short
    ["urn:epc:id:sgtin:0614141.107346", "3 dot-separated parts"],
    ["urn:epc:id:sgtin:0614141.107346.", "serial is empty"],
    ["urn:epc:id:sgtin:0614141.107346.a/b", "must escape"],
    ["urn:epc:id:sgtin:0614141.107346.a%2", "must escape"],
    ["urn:epc:id:sgtin:0614141.107346.123456789012345678901", "1 to 20 characters"],
    ["urn:epc:id:sgtin:0614141.107346.%7E", "character set 82"],
    ["urn:epc:id:sscc:0614141.123456789", "17 digits"],
    ["urn:epc:id:sgln:0614141.0734.0", "12 digits"],
    ["urn:epc:id:cpi:0614141.abc.1", "character set"],
    ["urn:epc:id:cpi:0614141.ABC.012", "without leading zeros"],
    ["urn:epc:id:itip:4012345.011111.1.02.987", "2 digits each"],
    ["urn:epc:id:itip:4012345.011111.03.02.987", "piece <= total"],
    ["urn:epc:id:sgcn:0614141.55555.77A", "coupon serial"],
    ["urn:epc:idpat:sgtin:4012345.*.*", "CP.IR.*"],
    ["urn:epc:idpat:sgtin:4012345.012345.1", "CP.IR.*"],
    ["urn:epc:id:gid:95100000.12345.400", "unsupported EPC scheme"],
    ["urn:epc:sgtin:0614141.107346.2017", "malformed EPC URN"],
  ])("rejects %s (%s)", (urn, reason) => {
    expect(() => parseEpcUrn(urn)).toThrow(IdentifierError);
    expect(() => parseEpcUrn(urn)).toThrow(reason);
  });
});

describe("isEpcUrn", () => {
  it("recognises the urn:epc: prefix in any case and nothing else", () => {
    expect(isEpcUrn(" Urn:Epc:id:sgtin:1.2.3")).toBe(true);
    expect(isEpcUrn("urn:uuid:1234")).toBe(false);
    expect(isEpcUrn("https://id.gs1.org/01/09506000134352")).toBe(false);
  });
});
