import type { ReportFile } from "../graph/report.repository.js";
import { reportWorkbook } from "./report-workbook.js";
import { signFile, SIGNATURE_ALGORITHM, type SigningKey } from "./report-signer.js";
import type { TraceReport } from "./trace-report.js";

/** The files of a report: its JSON and XLSX, a detached signature of each, and a manifest naming all four. */
export const REPORT_FILE_NAMES = {
  json: "report.json",
  xlsx: "report.xlsx",
  manifest: "manifest.json",
} as const;

const JSON_TYPE = "application/json";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Renders and signs a report: `report.json` (UTF-8, the TraceReport), `report.xlsx` (the workbook), `report.json.sig`
 * and `report.xlsx.sig` (each an Ed25519 signature over the exact bytes of its file, see report-signer.ts), and
 * `manifest.json` (every file's size, SHA-256 and signature, and the signing key).
 */
export async function reportFiles(report: TraceReport, key: SigningKey): Promise<ReportFile[]> {
  const json = Buffer.from(`${JSON.stringify(report, null, 2)}\n`, "utf8");
  const xlsx = await reportWorkbook(report);
  const signed = [
    { name: REPORT_FILE_NAMES.json, contentType: JSON_TYPE, bytes: json },
    { name: REPORT_FILE_NAMES.xlsx, contentType: XLSX_TYPE, bytes: xlsx },
  ];
  const signatures = signed.map((file) => signFile(file.name, file.bytes, key));
  const manifest = {
    reportId: report.reportId,
    algorithm: SIGNATURE_ALGORITHM,
    keyId: key.keyId,
    publicKey: key.publicKeyPem,
    files: signatures.map(({ file, size, sha256, signature }) => ({ name: file, size, sha256, signature })),
  };
  return [
    ...signed,
    ...signatures.map((signature) => ({
      name: `${signature.file}.sig`,
      contentType: JSON_TYPE,
      bytes: Buffer.from(`${JSON.stringify(signature, null, 2)}\n`, "utf8"),
    })),
    {
      name: REPORT_FILE_NAMES.manifest,
      contentType: JSON_TYPE,
      bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    },
  ];
}
