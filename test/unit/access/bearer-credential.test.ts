import { describe, expect, it } from "vitest";
import { bearerCredential } from "../../../src/server/authenticate.js";

describe("bearerCredential", () => {
  it("reads the credential of a Bearer header, the scheme in any case", () => {
    expect(bearerCredential("Bearer tgk_abc")).toBe("tgk_abc");
    expect(bearerCredential("bearer  a.b.c ")).toBe("a.b.c");
  });

  it("reads nothing from a missing header, another scheme or a credential with spaces", () => {
    for (const header of [undefined, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", "tgk_abc"]) {
      expect(bearerCredential(header)).toBeNull();
    }
  });
});
