import { createHmac } from "node:crypto";

/**
 * A keyed hash (HMAC-SHA256 with the server's PRIVACY_SECRET) standing in for something personal: a browser, a phone
 * number. The same value always gives the same hash, so it can be matched and deduplicated, but without the secret
 * it cannot be reversed by trying every phone number. `purpose` keeps hashes of different things apart.
 */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}\u0000${value}`).digest("base64url");
}
