import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../seeds/demo-organizations.js";
import { loadDemo } from "../../../seeds/demo.seed.js";
import { query } from "../../../src/graph/query.js";
import { REPORT_SHEETS } from "../../../src/report/report-workbook.js";
import { verifyFile } from "../../../src/report/report-signer.js";
import type { TraceReport } from "../../../src/report/trace-report.js";
import { gqlAs, principalOf } from "../../support/gql-as.js";
import { firstErrorCode } from "../../support/test-api.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";
import { testServices } from "../../support/test-services.js";

/**
 * The regulator report (追溯报告, issue 16 item 7) of the demo's cable batch: a job that lists every shipment of the
 * batch's goods (checked against the graph), a workbook that parses back with its rows, Ed25519 signatures that
 * verify (in the process and with the CLI) and fail after one byte changes; a distributor is refused.
 */

const BATCH = "demo-cable-bv25:20260110-A";
const START = `mutation($batchId: String, $recallCode: String) {
  startTraceReport(batchId: $batchId, recallCode: $recallCode) { id kind status total done ownerOrganizationId }
}`;
const JOB = `query($id: String!) { job(id: $id) { id status total done error } }`;
const FILES = `query($jobId: String!) { traceReportFiles(jobId: $jobId) { name contentType size sha256 url } }`;
const KEY = `{ reportSigningKey { keyId publicKey ephemeral } }`;

const regulator = () => principalOf("REGULATOR", DEMO_IDS.regulator);
const maker = () => principalOf("MANUFACTURER", DEMO_IDS.cableMaker);

interface JobData {
  id: string;
  status: string;
  total: number;
  done: number;
  error: string | null;
}
interface FileData {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  url: string;
}

/** Starts a report as `principal` and waits (polling, bounded) for its job to end. */
async function report(principal: ReturnType<typeof principalOf>, variables: Record<string, string>) {
  const started = await gqlAs<{ startTraceReport: JobData }>(principal, START, variables);
  expect(started.errors).toBeUndefined();
  const id = started.data!.startTraceReport.id;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const job = (await gqlAs<{ job: JobData }>(principal, JOB, { id })).data!.job;
    if (job.status !== "RUNNING") return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`report job ${id} did not end`);
}

/** Every (shipping event, receiver) of the batch's goods, read from the graph directly. */
async function shipmentsInGraph(): Promise<string[]> {
  const { executor } = await testServices();
  const rows = await executor.read(
    query(
      "test.report.shipments",
      `MATCH (b:Batch {id: $batchId})
       MATCH (b)-[:IN_LOT|CONTAINED_IN|TRANSFORMED_INTO*0..]->(n:Obj)-[s:SHIPPED_TO]->(o:Organization)
       RETURN DISTINCT s.eventId + " -> " + o.id AS shipment`,
      { batchId: BATCH },
    ),
  );
  return rows.map((row) => String(row.shipment)).sort();
}

describe("the regulator report of the demo's cable batch", () => {
  const server = useTestApp();
  let job: JobData;
  let files: FileData[];
  const bytes = new Map<string, Buffer>();

  beforeAll(async () => {
    await loadDemo(await testServices());
    job = await report(regulator(), { batchId: BATCH });
    files = (await gqlAs<{ traceReportFiles: FileData[] }>(regulator(), FILES, { jobId: job.id })).data!
      .traceReportFiles;
    for (const file of files) {
      const res = await authFetch(`${server.base}${file.url}`);
      expect(res.status).toBe(200);
      bytes.set(file.name, Buffer.from(await res.arrayBuffer()));
    }
  }, 180_000);

  it("runs as a job to the end, its sections counted", () => {
    expect(job).toMatchObject({ status: "DONE", total: 4, done: 4, error: null });
    expect(files.map((f) => f.name)).toEqual([
      "manifest.json",
      "report.json",
      "report.json.sig",
      "report.xlsx",
      "report.xlsx.sig",
    ]);
    for (const file of files) expect(bytes.get(file.name)?.length).toBe(file.size);
  });

  it("lists every shipment of the batch's goods, with parties, product, quantity, time and place", async () => {
    const doc = JSON.parse(bytes.get("report.json")!.toString("utf8")) as TraceReport;
    const listed = doc.transactions.map((t) => `${t.eventId} -> ${t.buyer.id}`).sort();
    const inGraph = await shipmentsInGraph();
    expect(inGraph.length).toBeGreaterThan(2);
    expect(listed).toEqual(inGraph);
    for (const t of doc.transactions) {
      expect(t.supplier?.name).toMatch(/\S/);
      expect(t.buyer.name).toMatch(/\S/);
      expect(t.product).toMatchObject({ name: doc.product.name, batchNo: "20260110-A" });
      expect(t.quantity).toBe(t.objects.length);
      expect(t.quantity).toBeGreaterThan(0);
      expect(t.place.regionCode).toMatch(/^\d{6}$/);
      expect(Date.parse(t.time)).not.toBeNaN();
    }
    expect(doc.product).toMatchObject({ name: expect.stringMatching(/\S/), standardNo: expect.stringMatching(/\S/) });
    expect(doc.product.manufacturer).toMatchObject({ id: DEMO_IDS.cableMaker, uscc: DEMO_IDS.cableMaker });
    expect(doc.batch).toMatchObject({ id: BATCH, batchNo: "20260110-A" });
    expect(doc.batch.inspection.result).toMatch(/合格/);
    // Holders now: the receivers of the last shipments (and the maker for what it still has), by region.
    const held = doc.holdersByRegion.flatMap((r) => r.holders.map((h) => h.organizationId));
    const buyers = new Set([...doc.transactions.map((t) => t.buyer.id), DEMO_IDS.cableMaker]);
    expect(held.length).toBeGreaterThan(0);
    for (const holder of held) expect(buyers).toContain(holder);
    expect(held).toContain(doc.transactions.at(-1)!.buyer.id);
    for (const region of doc.holdersByRegion) expect(region.provinceCode).toBe(`${region.regionCode!.slice(0, 2)}0000`);
    expect(doc.recall.affectedCount).toBeGreaterThan(0);
    expect(doc.recall.certainCount + doc.recall.possibleCount).toBe(doc.recall.affectedCount);
  });

  it("is a workbook a spreadsheet reader opens, with the transactions' rows under Chinese and English headers", async () => {
    const doc = JSON.parse(bytes.get("report.json")!.toString("utf8")) as TraceReport;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.get("report.xlsx")! as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(Object.values(REPORT_SHEETS));
    const sheet = workbook.getWorksheet(REPORT_SHEETS.transactions)!;
    expect(sheet.getRow(1).getCell(1).value).toBe("交易时间");
    expect(sheet.getRow(2).getCell(1).value).toBe("Time");
    expect(sheet.rowCount).toBe(2 + doc.transactions.length);
    const eventIds = [];
    for (let r = 3; r <= sheet.rowCount; r += 1) eventIds.push(String(sheet.getRow(r).getCell(12).value));
    expect(eventIds).toEqual(doc.transactions.map((t) => t.eventId));
    const product = workbook.getWorksheet(REPORT_SHEETS.product)!;
    const facts = new Map<string, unknown>();
    product.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get("生产批号 Batch No.")).toBe("20260110-A");
  });

  it("signs each file (Ed25519, detached); a signature fails after one byte changes, also with the CLI", async () => {
    const key = (await gqlAs<{ reportSigningKey: { keyId: string; publicKey: string } }>(regulator(), KEY)).data!
      .reportSigningKey;
    for (const name of ["report.json", "report.xlsx"]) {
      const signature = JSON.parse(bytes.get(`${name}.sig`)!.toString("utf8")) as unknown;
      const original = bytes.get(name)!;
      expect(verifyFile(original, signature, key.publicKey)).toMatchObject({ ok: true, keyId: key.keyId });
      const changed = Buffer.from(original);
      const at = Math.floor(changed.length / 2);
      changed.writeUInt8(changed.readUInt8(at) ^ 0x01, at);
      expect(verifyFile(changed, signature, key.publicKey).ok).toBe(false);
    }
    const manifest = JSON.parse(bytes.get("manifest.json")!.toString("utf8")) as { keyId: string; files: unknown[] };
    expect(manifest).toMatchObject({ keyId: key.keyId, files: [{ name: "report.json" }, { name: "report.xlsx" }] });

    const dir = mkdtempSync(path.join(tmpdir(), "trace-report-"));
    const write = (name: string, data: Buffer | string) => {
      writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const xlsx = write("report.xlsx", bytes.get("report.xlsx")!);
    const sig = write("report.xlsx.sig", bytes.get("report.xlsx.sig")!);
    const pem = write("public.pem", key.publicKey);
    const cli = (file: string) =>
      spawnSync(
        process.execPath,
        ["--import", "tsx", "src/cli/cli.ts", "report", "verify", file, sig, "--public-key", pem],
        {
          encoding: "utf8",
        },
      );
    const ok = cli(xlsx);
    expect(ok.stdout, ok.stderr).toMatch(/^OK /);
    expect(ok.status).toBe(0);
    const tampered = Buffer.from(bytes.get("report.xlsx")!);
    tampered.writeUInt8(tampered.readUInt8(100) ^ 0xff, 100);
    const bad = cli(write("tampered.xlsx", tampered));
    expect(bad.stderr).toMatch(/^FAILED /);
    expect(bad.status).toBe(1);
  });

  it("is refused to a distributor, and its files are hidden from a party that did not ask for them", async () => {
    const distributor = principalOf("PARTNER", DEMO_IDS.gdDistributor);
    expect(firstErrorCode(await gqlAs(distributor, START, { batchId: BATCH }))).toBe("FORBIDDEN");
    // Another maker cannot see the batch at all: as if it did not exist.
    expect(firstErrorCode(await gqlAs(principalOf("MANUFACTURER", DEMO_IDS.gasMaker), START, { batchId: BATCH }))).toBe(
      "NOT_FOUND",
    );
    expect(firstErrorCode(await gqlAs(distributor, FILES, { jobId: job.id }))).toBe("NOT_FOUND");
    expect(firstErrorCode(await gqlAs(regulator(), START, {}))).toBe("BAD_USER_INPUT");
    const res = await authFetch(`${server.base}/reports/${job.id}/report.json`, {
      as: "tgk_de000000000000000004_DEMO-ONLY-not-secret-distributor-gd________",
    });
    expect(res.status).toBe(404);
  });

  it("is the maker's too, for its own batch, and reports a recall from a recalled code", async () => {
    const own = await report(maker(), { batchId: BATCH });
    expect(own.status).toBe("DONE");
    const doc = JSON.parse(bytes.get("report.json")!.toString("utf8")) as TraceReport;
    const code = doc.transactions.flatMap((t) => t.objects).find((key) => key !== doc.batch.id);
    expect(code).toBeDefined();
    const recall = await report(regulator(), { recallCode: code! });
    expect(recall.status).toBe("DONE");
    const recallFiles = (await gqlAs<{ traceReportFiles: FileData[] }>(regulator(), FILES, { jobId: recall.id })).data!
      .traceReportFiles;
    const res = await authFetch(`${server.base}${recallFiles.find((f) => f.name === "report.json")!.url}`);
    const recallDoc = (await res.json()) as TraceReport;
    expect(recallDoc).toMatchObject({ kind: "RECALL", batch: { id: BATCH }, recall: { root: code } });
  });
});
