import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSigningKey, signFile, SigningKeyError, verifyFile } from "../../../src/report/report-signer.js";

describe("report signatures (Ed25519, detached)", () => {
  const bytes = Buffer.from("追溯报告 report bytes\n", "utf8");

  it("verify with the signer's key, and fail after any one byte changes", () => {
    const key = loadSigningKey(undefined);
    const signature = signFile("report.json", bytes, key);
    expect(signature).toMatchObject({
      algorithm: "Ed25519",
      keyId: key.keyId,
      file: "report.json",
      size: bytes.length,
    });
    expect(verifyFile(bytes, signature, key.publicKeyPem).ok).toBe(true);
    for (let at = 0; at < bytes.length; at += 1) {
      const changed = Buffer.from(bytes);
      changed.writeUInt8(changed.readUInt8(at) ^ 0x20, at);
      expect(verifyFile(changed, signature, key.publicKeyPem).ok).toBe(false);
    }
  });

  it("refuse a signature made with another key than the trusted one, even when the file is intact", () => {
    const signer = loadSigningKey(undefined);
    const trusted = loadSigningKey(undefined);
    const signature = signFile("report.xlsx", bytes, signer);
    const outcome = verifyFile(bytes, signature, trusted.publicKeyPem);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/not the given key/);
    // A forged signature carrying the trusted key's id still fails the Ed25519 check.
    expect(verifyFile(bytes, { ...signature, keyId: trusted.keyId }, trusted.publicKeyPem).ok).toBe(false);
  });

  it("load a PEM Ed25519 key from REPORT_SIGNING_KEY and refuse any other kind of key", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "report-key-"));
    const ed = path.join(dir, "ed25519.pem");
    writeFileSync(ed, generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }));
    const key = loadSigningKey(ed);
    expect(key.ephemeral).toBe(false);
    expect(loadSigningKey(ed).keyId).toBe(key.keyId);
    const ec = path.join(dir, "ec.pem");
    writeFileSync(
      ec,
      generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }),
    );
    expect(() => loadSigningKey(ec)).toThrow(SigningKeyError);
  });
});
