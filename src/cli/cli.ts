import "reflect-metadata";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig, ConfigError } from "../root/config.js";
import { createApplication } from "../root/composition-root.js";
import { checkManufacturerId } from "../producer/product-info.js";
import type { FieldProblem } from "../producer/field-problem.js";
import { IMPORT_KINDS, type ImportKind } from "../producer/csv-import/columns.js";
import { CSV_ENCODINGS, CsvFileError, type CsvEncoding } from "../producer/csv-import/csv-source.js";
import { CsvHeaderError, CsvImporter, checkCsvHeader, type CsvImportTotals } from "../producer/csv-import/importer.js";
import { CsvProgressBar } from "../producer/csv-import/progress.js";
import { rejectionLines, reportCsv } from "../producer/csv-import/report.js";
import { KEYS_USAGE, KeysUsageError, parseKeysCommand, runKeysCommand, type KeysCommand } from "./keys-command.js";
import { REPORT_USAGE, ReportUsageError, runReportCommand } from "./report-command.js";

const USAGE = `usage: npm run cli -- <command>

commands:
  import products [--manufacturer USCC] [--report FILE] [--encoding ENC] <file.csv>
  import batches [--report FILE] [--encoding ENC] <file.csv>
      Imports products or batches from a spreadsheet saved as CSV (UTF-8 with or without BOM, GB18030/GBK, UTF-16;
      comma- or tab-separated), one row at a time through the same checks as registerProduct / createBatch: each
      row is its own transaction, so a rejected row writes nothing. Header row in English or Chinese:
        products: id/产品编号, manufacturerId/生产企业, name/产品名称, model/型号, category/类别,
                  traceMode/追溯模式 (一品一码 一批一码 一物一码 组合多码 or PER_PRODUCT ...), brand/商标, GTIN,
                  standardNo/执行标准
        batches:  productId/产品, batchNo/批号, productionDate/生产日期, quantity/数量, unit/单位,
                  inspectionResult/检验结果, licenceNo/生产许可证, cccCertNo/CCC证书,
                  components/零部件 (codes separated by ; or ；), ext.NAME (extended info NAME)
      A row imported before (same id, same data) is skipped; same id with other data is a CONFLICT.
      --manufacturer USCC  manufacturer of products whose manufacturer column is missing or empty
      --report FILE        write every row's outcome as CSV (UTF-8 with BOM): row, status, id, code, column,
                           field, rule, message
      --encoding ENC       ${CSV_ENCODINGS.join(", ")}, gbk (default: detected)
${KEYS_USAGE}
${REPORT_USAGE}
  help                   this text

exit codes: 0 every row imported or already imported / the keys command done / the signature verifies, 1 a row
rejected (or the import failed) / an unknown organisation or key id / a signature that does not verify, 2 usage error (unknown command or option, missing file, a header that
is not one of products / batches)`;

async function main(args: readonly string[]): Promise<number> {
  // keys has options of its own (--org, --role …), so it is dispatched before the import options are parsed.
  if (args[0] === "keys") return keys(args.slice(1));
  if (args[0] === "report") return report(args.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        report: { type: "string" },
        manufacturer: { type: "string" },
        encoding: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === "help") {
    console.error(USAGE);
    return 0;
  }
  if (command === undefined) return usageError("no command");
  if (command !== "import") return usageError(`unknown command "${command}"`);
  const [kind, ...files] = rest;
  if (!isImportKind(kind)) return usageError(`import what? "products" or "batches", not "${kind ?? ""}"`);
  if (files.length !== 1) return usageError(`import ${kind} takes one CSV file (got ${files.length})`);
  const file = files[0] ?? "";
  if (!existsSync(file)) return usageError(`no such file: ${file}`, false);
  const encoding = values.encoding === undefined ? undefined : encodingName(values.encoding);
  if (encoding !== undefined && !isEncoding(encoding)) {
    return usageError(`--encoding ${values.encoding}: use one of ${CSV_ENCODINGS.join(", ")}`);
  }
  let manufacturerId: string | null = null;
  if (values.manufacturer !== undefined) {
    if (kind !== "products") return usageError("--manufacturer is for import products");
    const problems: FieldProblem[] = [];
    manufacturerId = checkManufacturerId(values.manufacturer, problems, "--manufacturer");
    if (problems[0]) return usageError(`--manufacturer: ${problems[0].message}`, false);
  }
  return importCsv(kind, file, { manufacturerId, encoding, report: values.report ?? null });
}

async function importCsv(
  kind: ImportKind,
  file: string,
  options: { manufacturerId: string | null; encoding: CsvEncoding | undefined; report: string | null },
): Promise<number> {
  const label = `${kind} ${path.basename(file)}`;
  const progress = new CsvProgressBar(label);
  const importerOptions = {
    manufacturerId: options.manufacturerId,
    encoding: options.encoding,
    onProgress: (totals: CsvImportTotals, fraction: number) => progress.update(totals, fraction),
  };
  // The header is checked before the database is started: a wrong file is a usage error, found at once.
  try {
    await checkCsvHeader(kind, file, importerOptions);
  } catch (error) {
    if (error instanceof CsvHeaderError || error instanceof CsvFileError) return usageError(error.message, false);
    throw error;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const application = createApplication({ config, startLocalDatabase: true });
  try {
    await application.migrate();
    const { services } = application;
    const result = await new CsvImporter(services.producer, importerOptions).importFile(kind, file);
    progress.finish(result.totals);
    if (result.encoding !== "utf-8") console.error(`  read as ${result.encoding.toUpperCase()}`);
    if (result.ignoredColumns.length > 0) {
      console.error(`  ignored columns (no such field): ${result.ignoredColumns.join(", ")}`);
    }
    const lines = rejectionLines(result);
    if (lines.length > 0) console.error(`rejected rows (${result.totals.rejected}):\n${lines.join("\n")}`);
    if (result.aborted) {
      console.error(`stopped before the end of the file at ${result.aborted}`);
      console.error("  the rows before were imported; run the same command again to go on (they are skipped)");
    }
    if (options.report) {
      await writeFile(options.report, reportCsv(result), "utf8");
      console.error(`  report: ${options.report}`);
    }
    return result.totals.rejected > 0 || result.aborted ? 1 : 0;
  } finally {
    await application.close();
  }
}

/** `keys create|list|revoke`: the command line is checked first, so a usage error needs no database. */
/** `report verify|public-key`: needs no database. */
function report(args: readonly string[]): number {
  try {
    return runReportCommand(args);
  } catch (error) {
    if (error instanceof ReportUsageError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      return usageError((error as Error).message);
    }
    throw error;
  }
}

async function keys(args: readonly string[]): Promise<number> {
  let command: KeysCommand;
  try {
    command = parseKeysCommand(args);
  } catch (error) {
    if (error instanceof KeysUsageError) return usageError(error.message);
    throw error;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const application = createApplication({ config, startLocalDatabase: true });
  try {
    await application.migrate();
    return await runKeysCommand(command, application.services.apiKeys);
  } finally {
    await application.close();
  }
}

function usageError(message: string, withUsage = true): number {
  console.error(message);
  if (withUsage) console.error(`\n${USAGE}`);
  return 2;
}

function isImportKind(value: string | undefined): value is ImportKind {
  return IMPORT_KINDS.includes(value as ImportKind);
}

/** `gbk` reads as GB18030 (its superset); `utf8` as `utf-8`. */
function encodingName(value: string): string {
  const name = value.toLowerCase();
  return name === "gbk" || name === "gb2312" ? "gb18030" : name === "utf8" ? "utf-8" : name;
}

function isEncoding(value: string): value is CsvEncoding {
  return CSV_ENCODINGS.includes(value as CsvEncoding);
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `cli failed: ${(error as Error).message}`);
    process.exit(1);
  });
