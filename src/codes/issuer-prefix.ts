import { createHash } from "node:crypto";
import { CROCKFORD_ALPHABET } from "./crockford-base32.js";
import { ISSUER_LENGTH } from "./trace-code-format.js";

/**
 * The 4-symbol issuer part of every trace code of one manufacturer: the first 20 bits of SHA-256 of its id. Pass the
 * organisation's canonical key so every spelling of one organisation gives one prefix. With 2^20 values two
 * manufacturers may share a prefix; it lets a person see who issued a code, while uniqueness comes from the random
 * part and the database constraint on the whole code.
 */
export function issuerPrefix(organizationId: string): string {
  const digest = createHash("sha256").update(organizationId.trim(), "utf8").digest();
  const bits = digest.readUIntBE(0, 3) >>> 4;
  let prefix = "";
  for (let index = ISSUER_LENGTH - 1; index >= 0; index--) {
    prefix += CROCKFORD_ALPHABET.charAt((bits >>> (5 * index)) & 31);
  }
  return prefix;
}
