import { describe, expect, it } from "vitest";
import { IdentifierError } from "../../../src/codes/identifier-error.js";

describe("IdentifierError", () => {
  it("names the offending value and the reason in its message", () => {
    const error = new IdentifierError("urn:epc:id:xyz:1", "unsupported EPC scheme");
    expect(error.message).toBe('Invalid identifier "urn:epc:id:xyz:1": unsupported EPC scheme');
    expect(error.value).toBe("urn:epc:id:xyz:1");
    expect(error.reason).toBe("unsupported EPC scheme");
  });

  it("is a plain Error so the library stays free of GraphQL", () => {
    const error = new IdentifierError("x", "y");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("IdentifierError");
  });
});
