import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiKeyId, generateApiKey, hashApiKey, sameDigest } from "../../../src/access/api-key-format.js";

describe("API key format", () => {
  it("makes tgk_<20 hex id>_<43 base64url secret> keys whose id is their lookup id", () => {
    const { id, key, secretHash } = generateApiKey();
    expect(key).toMatch(/^tgk_[0-9a-f]{20}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyId(key)).toBe(id);
    expect(secretHash).toBe(createHash("sha256").update(key).digest("hex"));
  });

  it("draws 32 random bytes for the secret and 10 for the id", () => {
    const sizes: number[] = [];
    generateApiKey((size) => {
      sizes.push(size);
      return Buffer.alloc(size, 0xab);
    });
    expect(sizes.sort()).toEqual([10, 32]);
  });

  it("never makes the same key twice in many draws", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey().key));
    expect(keys.size).toBe(2000);
  });

  it("reads no id from anything that is not a whole, well-formed key", () => {
    const { key } = generateApiKey();
    for (const bad of [
      "",
      "tgk_",
      key.slice(0, -1),
      `${key}x`,
      key.toUpperCase(),
      ` ${key}`,
      key.replace("tgk_", "tgx_"),
    ]) {
      expect(apiKeyId(bad)).toBeNull();
    }
  });

  it("reads the id of a key whose secret contains underscores", () => {
    const key = `tgk_0123456789abcdef0123_${"_".repeat(43)}`;
    expect(apiKeyId(key)).toBe("0123456789abcdef0123");
  });

  it("compares digests of equal length only, and only equal ones as equal", () => {
    const a = hashApiKey("a");
    expect(sameDigest(a, hashApiKey("a"))).toBe(true);
    expect(sameDigest(a, hashApiKey("b"))).toBe(false);
    expect(sameDigest(a, a.slice(0, 32))).toBe(false);
    expect(sameDigest("", "")).toBe(false);
  });
});
