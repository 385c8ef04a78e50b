import "reflect-metadata";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig, ConfigError } from "../root/config.js";
import { createApplication } from "../root/composition-root.js";
import { BulkImporter } from "../epcis/import/bulk-importer.js";
import { readEvents } from "../epcis/import/event-source.js";
import { ImportProgress } from "../epcis/import/progress.js";

const USAGE = `usage: npm run import -- [--batch N] [--report FILE] <file.json|file.jsonld|file.ndjson> ...

Imports EPCIS 2.0 documents (JSON / JSON-LD) or NDJSON event streams of any size through the capture path:
validated, mapped, written in transactions of N events (default 1000). Already-captured events are skipped, so an
interrupted import resumes when run again. Rejected events are listed at the end (and in --report FILE as JSON).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { batch: { type: "string", default: "1000" }, report: { type: "string" }, help: { type: "boolean" } },
    allowPositionals: true,
  });
  const batchSize = Number(values.batch);
  if (values.help || positionals.length === 0 || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const missing = positionals.filter((file) => !existsSync(file));
  if (missing.length) {
    console.error(`no such file: ${missing.join(", ")}`);
    return 2;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const application = createApplication({ config, startLocalDatabase: true });
  try {
    await application.migrate();
    const capture = application.services.captureService;
    let rejected = 0;
    for (const file of positionals) {
      const progress = new ImportProgress(file);
      const importer = new BulkImporter(capture, { batchSize, onProgress: (t) => progress.update(t) });
      await importer.importFrom(readEvents(file));
      progress.update(importer.totals, true);
      rejected += importer.totals.rejected;
      report(importer.rejections);
      if (values.report) await writeReport(values.report, file, importer);
    }
    return rejected > 0 ? 1 : 0;
  } finally {
    await application.close();
  }
}

function report(rejections: BulkImporter["rejections"]): void {
  for (const r of rejections.slice(0, 50))
    console.error(`  rejected ${r.where} ${r.eventID ?? ""} ${r.code}: ${r.message}`);
  if (rejections.length > 50) console.error(`  ... and ${rejections.length - 50} more (use --report FILE)`);
}

async function writeReport(path: string, file: string, importer: BulkImporter): Promise<void> {
  const { appendFile } = await import("node:fs/promises");
  await appendFile(path, JSON.stringify({ file, totals: importer.totals, rejections: importer.rejections }) + "\n");
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `import failed: ${(error as Error).message}`);
    process.exit(1);
  });
