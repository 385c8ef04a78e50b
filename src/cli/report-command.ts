import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadSigningKey, verifyFile } from "../report/report-signer.js";

export const REPORT_USAGE = `  report verify <file> <file.sig> [--public-key KEY.pem]
      Checks a regulator report file (report.json, report.xlsx) against its detached Ed25519 signature (.sig). With
      --public-key, only that key is trusted (the platform's published key: GraphQL reportSigningKey, or
      \`report public-key\`); without it, the key the .sig carries is used, which proves integrity, not the signer.
  report public-key
      Prints the public key (PEM) and key id of REPORT_SIGNING_KEY, for verifiers.`;

export class ReportUsageError extends Error {}

/** `report verify|public-key …`: exit 0 when the signature verifies (or the key was printed), 1 when it does not. */
export function runReportCommand(args: readonly string[]): number {
  const [sub, ...rest] = args;
  if (sub === "public-key") {
    const key = loadSigningKey(process.env.REPORT_SIGNING_KEY?.trim() || undefined);
    if (key.ephemeral) throw new ReportUsageError("REPORT_SIGNING_KEY is not set: there is no lasting key to print");
    console.log(`key id: ${key.keyId}\n${key.publicKeyPem.trim()}`);
    return 0;
  }
  if (sub !== "verify") throw new ReportUsageError(`report what? "verify" or "public-key", not "${sub ?? ""}"`);
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: { "public-key": { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length !== 2) throw new ReportUsageError("report verify takes a file and its .sig file");
  const [file, sigFile] = positionals as [string, string];
  const keyFile = values["public-key"];
  for (const path of [file, sigFile, ...(keyFile === undefined ? [] : [keyFile])]) {
    if (!existsSync(path)) throw new ReportUsageError(`no such file: ${path}`);
  }
  let signature: unknown;
  try {
    signature = JSON.parse(readFileSync(sigFile, "utf8"));
  } catch {
    console.error(`${sigFile}: not JSON`);
    return 1;
  }
  const trusted = keyFile === undefined ? undefined : readFileSync(keyFile, "utf8");
  const outcome = verifyFile(readFileSync(file), signature, trusted);
  if (!outcome.ok) {
    console.error(`FAILED ${file}: ${outcome.message}`);
    return 1;
  }
  console.log(`OK ${file}: ${outcome.message}${trusted === undefined ? " (key taken from the signature file)" : ""}`);
  return 0;
}
