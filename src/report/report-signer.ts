import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * Ed25519 signatures of report files (issue 16 item 7): detached, over the exact bytes of each file, with the signer's
 * public key and its id (the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo DER), so anyone holding
 * the regulator platform's published public key can check a file offline (`npm run cli -- report verify`).
 */
export const SIGNATURE_ALGORITHM = "Ed25519";

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
  /** True when no REPORT_SIGNING_KEY was configured: a key made for this process only (demo, tests). */
  ephemeral: boolean;
}

/** What a `.sig` file holds: enough to check the file, and to tell which key signed it. */
export interface DetachedSignature {
  algorithm: typeof SIGNATURE_ALGORITHM;
  keyId: string;
  publicKey: string;
  file: string;
  size: number;
  sha256: string;
  /** Base64 Ed25519 signature of the file's bytes. */
  signature: string;
}

export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SigningKeyError";
  }
}

/** The key of REPORT_SIGNING_KEY (a PEM PKCS#8 Ed25519 private key file), or a fresh one when none is configured. */
export function loadSigningKey(path: string | undefined): SigningKey {
  if (path === undefined) {
    const { privateKey } = generateKeyPairSync("ed25519");
    return fromPrivateKey(privateKey, true);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(path));
  } catch (error) {
    throw new SigningKeyError(`REPORT_SIGNING_KEY: cannot read a PEM private key from ${path}: ${String(error)}`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new SigningKeyError(`REPORT_SIGNING_KEY: ${path} is a ${privateKey.asymmetricKeyType} key, not Ed25519`);
  }
  return fromPrivateKey(privateKey, false);
}

function fromPrivateKey(privateKey: KeyObject, ephemeral: boolean): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: String(publicKey.export({ type: "spki", format: "pem" })),
    keyId: keyIdOf(publicKey),
    ephemeral,
  };
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

export function signFile(name: string, bytes: Uint8Array, key: SigningKey): DetachedSignature {
  return {
    algorithm: SIGNATURE_ALGORITHM,
    keyId: key.keyId,
    publicKey: key.publicKeyPem,
    file: name,
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    signature: sign(null, bytes, key.privateKey).toString("base64"),
  };
}

export interface VerifyOutcome {
  ok: boolean;
  /** Why it failed, or which key it was checked with. */
  message: string;
  keyId: string | null;
}

/**
 * Checks a file's bytes against its detached signature: with `trustedPublicKeyPem` (the key the verifier trusts, e.g.
 * the platform's published key), else with the key the signature names (which proves integrity, not who signed).
 */
export function verifyFile(bytes: Uint8Array, signature: unknown, trustedPublicKeyPem?: string): VerifyOutcome {
  const sig = signatureOf(signature);
  if (sig === null) return { ok: false, message: "not a report signature (.sig JSON)", keyId: null };
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(trustedPublicKeyPem ?? sig.publicKey);
  } catch {
    return { ok: false, message: "the public key is not a PEM public key", keyId: null };
  }
  if (publicKey.asymmetricKeyType !== "ed25519") {
    return { ok: false, message: "the public key is not an Ed25519 key", keyId: null };
  }
  const keyId = keyIdOf(publicKey);
  if (trustedPublicKeyPem !== undefined && keyId !== sig.keyId) {
    return { ok: false, message: `signed with key ${sig.keyId}, not the given key ${keyId}`, keyId };
  }
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (digest !== sig.sha256 || bytes.length !== sig.size) {
    return { ok: false, message: "the file's bytes are not the bytes that were signed (SHA-256 differs)", keyId };
  }
  const valid = verify(null, bytes, publicKey, Buffer.from(sig.signature, "base64"));
  return valid
    ? { ok: true, message: `signature valid (Ed25519, key ${keyId})`, keyId }
    : { ok: false, message: "the signature does not verify", keyId };
}

function signatureOf(value: unknown): DetachedSignature | null {
  if (typeof value !== "object" || value === null) return null;
  const sig = value as Record<string, unknown>;
  const strings = ["keyId", "publicKey", "file", "sha256", "signature"].every((k) => typeof sig[k] === "string");
  if (!strings || sig.algorithm !== SIGNATURE_ALGORITHM || typeof sig.size !== "number") return null;
  return sig as unknown as DetachedSignature;
}
