import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * API keys look like `tgk_<id>_<secret>`: a prefix that secret scanners and people recognise, a public id (20 hex
 * digits, 80 random bits) that the key is looked up by, never by scanning, and a secret of 32 random bytes in
 * base64url (43 characters; it may itself contain `_`, so the id has a fixed length and no `_`).
 *
 * Only SHA-256 of the whole key is stored. A slow password hash buys nothing here: a 256-bit random secret cannot
 * be guessed from a dictionary, and a fast hash keeps the check cheap on every request.
 */
export const API_KEY_PREFIX = "tgk_";

const ID_BYTES = 10;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^tgk_([0-9a-f]{20})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  id: string;
  /** The whole key, shown to its owner once and never stored. */
  key: string;
  secretHash: string;
}

/** A fresh key from the system's CSPRNG (`random` is for tests only). */
export function generateApiKey(random: (size: number) => Buffer = randomBytes): GeneratedApiKey {
  const id = random(ID_BYTES).toString("hex");
  const key = `${API_KEY_PREFIX}${id}_${random(SECRET_BYTES).toString("base64url")}`;
  return { id, key, secretHash: hashApiKey(key) };
}

/** The id a well-formed key carries, or null for anything else. */
export function apiKeyId(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** Hex SHA-256 of the whole key (the id included, so a stored hash only fits its own node). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Compares two hex digests in constant time: the time taken says nothing about where they differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
