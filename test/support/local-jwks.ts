import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, type CryptoKey } from "jose";

/** A key pair whose public half sits in a JWKS file, as an identity provider publishes it. */
export interface LocalJwks {
  file: string;
  privateKey: CryptoKey;
  remove(): Promise<void>;
}

export async function writeLocalJwks(alg: "ES256" | "RS256", kid: string): Promise<LocalJwks> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const dir = await mkdtemp(path.join(tmpdir(), "tracegraph-jwks-"));
  const file = path.join(dir, "jwks.json");
  await writeFile(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg, use: "sig" }] }));
  return { file, privateKey, remove: () => rm(dir, { recursive: true, force: true }) };
}
