import { randomInt } from "node:crypto";
import { gs1CheckDigit, usccCheckChar } from "../../src/codes/index.js";

/** GB 32100 alphabet (no I O S V Z): random organisation codes for per-test organisations. */
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** A fresh, valid `uscc:` id: registration authority 9, type 1, region `region`, random organisation code. */
export function randomUscc(region = "441900"): string {
  let org = "";
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET.charAt(randomInt(USCC_ALPHABET.length));
  const first17 = `91${region}${org}`;
  return `uscc:${first17}${usccCheckChar(first17)}`;
}

/** A GTIN-13 with a valid check digit, unique enough per test (random item reference). */
export function randomGtin13(): string {
  const body = `690${String(randomInt(1_000_000_000)).padStart(9, "0")}`;
  return body + gs1CheckDigit(body);
}
