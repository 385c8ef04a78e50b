import { describe, expect, it } from "vitest";
import { percentDecode, percentEncodeDl } from "../../../src/codes/percent-encoding.js";

describe("percentDecode", () => {
  it("decodes escapes in either case", () => {
    expect(percentDecode("a%2Fb%2fc%25")).toBe("a/b/c%");
  });

  it("returns undefined for a % that does not start an escape", () => {
    expect(percentDecode("50%")).toBeUndefined();
    expect(percentDecode("%g1")).toBeUndefined();
  });
});

describe("percentEncodeDl", () => {
  it("leaves only RFC 3986 unreserved characters bare", () => {
    expect(percentEncodeDl("AZaz09-._~")).toBe("AZaz09-._~");
    expect(percentEncodeDl(`!"%&'()*+,/:;<=>?`)).toBe("%21%22%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F");
  });

  it("is undone by percentDecode", () => {
    const value = `x!"%&'()*+,-./:;<=>?_`;
    expect(percentDecode(percentEncodeDl(value))).toBe(value);
  });
});
