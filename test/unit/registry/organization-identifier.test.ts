import { describe, expect, it } from "vitest";
import { organizationIdentifier } from "../../../src/registry/organization-identifier.js";
import { BadUserInputError } from "../../../src/errors/app-errors.js";

const USCC = "uscc:91350100M000100Y43";
const GLN = "6901234000009";
const GLN_KEY = `https://id.gs1.org/417/${GLN}`;

describe("organizationIdentifier", () => {
  it("gives the canonical key of a USCC or a party GLN in every accepted spelling", () => {
    expect(organizationIdentifier(USCC.toLowerCase(), "f")).toBe(USCC);
    expect(organizationIdentifier(" 91350100M000100Y43 ", "f")).toBe(USCC);
    expect(organizationIdentifier(GLN, "f")).toBe(GLN_KEY);
    expect(organizationIdentifier("urn:epc:id:pgln:6901234.00000", "f")).toBe(GLN_KEY);
    expect(organizationIdentifier(`https://example.com/417/${GLN}`, "f")).toBe(GLN_KEY);
  });

  it("refuses a bad check digit, a location GLN, and the kind not asked for, naming the field", () => {
    const refused = (value: string, only?: "USCC" | "GLN") => {
      try {
        organizationIdentifier(value, "input.glns[0]", only);
      } catch (error) {
        expect(error).toBeInstanceOf(BadUserInputError);
        return (error as BadUserInputError).extensions;
      }
      throw new Error(`${value} was accepted`);
    };
    expect(refused("6901234000001")).toMatchObject({ field: "input.glns[0]", rule: "GS1 check digit" });
    expect(refused("urn:epc:id:sgln:6901234.00000.0")).toMatchObject({ rule: "organisation identifier" });
    expect(refused(USCC, "GLN")).toMatchObject({ rule: "organisation identifier" });
    expect(refused(GLN, "USCC")).toMatchObject({ rule: "uscc" });
  });
});
