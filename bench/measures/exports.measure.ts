import http from "node:http";
import { Writable } from "node:stream";
import { OPERATOR } from "../../src/access/principal.js";
import { writeCodesCsv, writeLabelPdf } from "../../src/labels/label-export.js";
import { defaultFields } from "../../src/labels/label-fields.js";
import { labelFontPath, loadLabelFont } from "../../src/labels/label-font.js";
import { parseLabelFormat } from "../../src/labels/label-format.js";
import { launcherPid, processCpuSeconds, processMemory } from "../lib/bench-db.js";
import type { BenchContext } from "../lib/context.js";
import { BENCH_AUTHORIZATION, graphql } from "../lib/http-client.js";
import { QuarterHeap } from "../lib/live-heap.js";
import { measureResult, round, type MeasureResult } from "../lib/results.js";
import { benchUscc, setupProduct } from "./codes.measure.js";

/**
 * Issue 19 items 1 and 2, in absolute figures against their budgets (the rows' "baseline" is the budget):
 * - codes.issue.million_s: issueCodes of 1,000,000 codes (quick: 250,000, extrapolated) through the background job,
 *   end to end: the mutation's answer, the job's progress polled every 250 ms until DONE; beside the wall time, the
 *   CPU seconds the store and our server spent on it (per code, and what they come to for a million on two idle cores:
 *   the machine is shared, so wall time measures the other sessions' load as much as ours);
 * - export.codes_csv.codes_per_s, export.labels_pdf.labels_per_s, export.recall_csv.million_rows_s: the downloads of a
 *   large batch (after a small one's warm-up), timed from the request to the last byte; a CSV row is met only when
 *   the same export, run in this process, keeps a live heap that does not grow with its lines (see memoryCheck);
 *   labels.pdf compares the server's RSS growth for a large and a small sheet.
 */
const MILLION = 1_000_000;
const ISSUE_BUDGET_S = 30;
const CSV_BUDGET = 100_000;
const PDF_BUDGET = 1_000;
const RECALL_BUDGET_S = 15;

const SIZES = {
  quick: { issue: 250_000, csvSmall: 10_000, pdfSmall: 1_000, pdfLarge: 10_000 },
  full: { issue: MILLION, csvSmall: 20_000, pdfSmall: 2_000, pdfLarge: 20_000 },
} as const;

interface IssuedBatch {
  id: string;
  key: string;
  count: number;
  seconds: number;
  progress: { s: number; done: number }[];
  /** CPU seconds spent during the issuance by the store's process and by our server's (null when not readable). */
  cpu: { store: number | null; server: number | null };
}

const products = new Map<string, Promise<string>>();

/** One PER_ITEM product for every batch of this run (its maker's codes, its batches). */
function product(ctx: BenchContext): Promise<string> {
  let found = products.get(ctx.stamp);
  if (!found) {
    found = setupProduct(ctx, `uscc:${benchUscc(ctx.stamp)}`);
    products.set(ctx.stamp, found);
  }
  return found;
}

let batchNo = 0;

/** A fresh batch with `count` codes issued by issueCodes, waiting for its job; the time includes the job's end. */
export async function issueBatch(ctx: BenchContext, count: number): Promise<IssuedBatch> {
  const productId = await product(ctx);
  const created = await graphql<{ createBatch: { id: string; key: string } }>(
    ctx.ours.url,
    `
      mutation Batch($input: BatchInput!) {
        createBatch(input: $input) {
          id
          key
        }
      }
    `,
    {
      input: {
        productId,
        batchNo: `BX${ctx.stamp}${batchNo++}`,
        productionDate: "2024-03-01",
        quantity: count,
        unit: "个",
        inspectionResult: "合格",
      },
    },
  );
  const storePid = launcherPid(ctx.db);
  const cpuBefore = { store: processCpuSeconds(storePid), server: processCpuSeconds(ctx.ours.pid) };
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const issued = await graphql<{ issueCodes: { issued: number; job: { id: string } | null } }>(
    ctx.ours.url,
    `
      mutation Issue($input: IssueCodesInput!) {
        issueCodes(input: $input) {
          issued
          job {
            id
          }
        }
      }
    `,
    { input: { batchId: created.createBatch.id, count } },
  );
  const progress: { s: number; done: number }[] = [];
  const job = issued.issueCodes.job;
  if (job) {
    for (;;) {
      const { job: state } = await graphql<{ job: { status: string; done: number; error: string | null } }>(
        ctx.ours.url,
        `
          query Job($id: String!) {
            job(id: $id) {
              status
              done
              error
            }
          }
        `,
        { id: job.id },
      );
      progress.push({ s: round(seconds()) ?? 0, done: state.done });
      if (state.status === "DONE") break;
      if (state.status !== "RUNNING") throw new Error(`issuance job ${job.id} ended ${state.status}: ${state.error}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const total = seconds();
  const spent = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined ? null : after - before;
  const cpu = {
    store: spent(cpuBefore.store, processCpuSeconds(storePid)),
    server: spent(cpuBefore.server, processCpuSeconds(ctx.ours.pid)),
  };
  const done = progress.at(-1)?.done ?? issued.issueCodes.issued;
  if (done !== count) throw new Error(`issueCodes issued ${done} of ${count}`);
  return { id: created.createBatch.id, key: created.createBatch.key, count, seconds: total, progress, cpu };
}

/** The large batch every export measure shares in one run (issued by the million measure when it runs first). */
let largeBatch: Promise<IssuedBatch> | null = null;

function large(ctx: BenchContext): Promise<IssuedBatch> {
  largeBatch ??= issueBatch(ctx, SIZES[ctx.mode].issue);
  return largeBatch;
}

export async function codesMillionMeasure(ctx: BenchContext): Promise<MeasureResult> {
  const batch = await large(ctx);
  const seconds = (batch.seconds * MILLION) / batch.count;
  const rate = batch.count / batch.seconds;
  // CPU per code (µs) and the million on two idle cores: the store's and the server's CPU, shared by both cores.
  const perCode = (cpu: number | null) => (cpu === null ? null : round((cpu * 1e6) / batch.count));
  const cpu = {
    storeUsPerCode: perCode(batch.cpu.store),
    serverUsPerCode: perCode(batch.cpu.server),
    millionOnTwoIdleCoresS:
      batch.cpu.store === null || batch.cpu.server === null
        ? null
        : round(((batch.cpu.store + batch.cpu.server) * MILLION) / batch.count / 2),
  };
  ctx.absolute.codesMillion = {
    codes: batch.count,
    seconds: round(batch.seconds),
    codesPerSecond: round(rate),
    secondsFor1MillionCodes: round(seconds),
    cpu,
    progressSamples: batch.progress.length,
    progress: thin(batch.progress, 20),
  };
  ctx.log(`  codes: ${batch.count} in ${batch.seconds.toFixed(1)} s (${rate.toFixed(0)} codes/s) through the job`);
  ctx.log(
    `  codes: store CPU ${cpu.storeUsPerCode ?? "n/a"} µs/code, server CPU ${cpu.serverUsPerCode ?? "n/a"} µs/code, ` +
      `a million on two idle cores ~${cpu.millionOnTwoIdleCoresS ?? "n/a"} s`,
  );
  const extrapolated = batch.count !== MILLION;
  return measureResult(
    "codes.issue.million_s",
    { ours: seconds, baseline: ISSUE_BUDGET_S, unit: "s", scale: ctx.mode, runs: 1 },
    {
      note:
        `issueCodes(count: ${batch.count}) over HTTP, job polled every 250 ms until DONE (${batch.progress.length} ` +
        `progress readings)${extrapolated ? `; seconds for 1,000,000 extrapolated from ${batch.count}` : ""}; ` +
        `baseline = the ${ISSUE_BUDGET_S} s budget`,
      details: { codes: batch.count, seconds: round(batch.seconds), cpu, progress: thin(batch.progress, 20) },
    },
  );
}

interface Download {
  seconds: number;
  bytes: number;
  lines: number;
  /** Server RSS (MiB): at the request, its peak until the last byte, and its peaks while the first and the second half of
   * the bytes arrived. */
  rssBeforeMb: number;
  rssPeakMb: number;
  firstHalfPeakMb: number;
  secondHalfPeakMb: number;
}

/** GETs `path` from our server, counting bytes and lines as they arrive (nothing kept), sampling the server's RSS. */
function download(ctx: BenchContext, path: string): Promise<Download> {
  const pid = ctx.ours.pid;
  const rss = () => processMemory(pid)?.rssMb ?? NaN;
  const rssBeforeMb = rss();
  let bytes = 0;
  // Each sample with the bytes received by then, to split the download into halves afterwards.
  const samples: { bytes: number; rssMb: number }[] = [];
  const sample = () => samples.push({ bytes, rssMb: rss() });
  const sampler = setInterval(sample, 20);
  const started = performance.now();
  return new Promise<Download>((resolve, reject) => {
    const request = http.get(`${ctx.ours.url}${path}`, { headers: { authorization: BENCH_AUTHORIZATION } }, (res) => {
      if (res.statusCode !== 200) {
        clearInterval(sampler);
        reject(new Error(`GET ${path}: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      let lines = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on("end", () => {
        clearInterval(sampler);
        const seconds = (performance.now() - started) / 1000;
        sample();
        const peak = (list: { rssMb: number }[]) => Math.max(rssBeforeMb, ...list.map((s) => s.rssMb));
        const firstHalf = samples.filter((s) => s.bytes < bytes / 2);
        const secondHalf = samples.filter((s) => s.bytes >= bytes / 2);
        resolve({
          seconds,
          bytes,
          lines,
          rssBeforeMb,
          rssPeakMb: peak(samples),
          firstHalfPeakMb: peak(firstHalf),
          secondHalfPeakMb: peak(secondHalf),
        });
      });
      res.on("error", reject);
    });
    request.on("error", (error) => {
      clearInterval(sampler);
      reject(error);
    });
  });
}

interface MemoryCheck {
  /** Live heap (after a forced full collection) before the large export and at each quarter of it, MiB. */
  liveHeapMb: number[];
  /** The most it rose above the first reading. */
  liveGrowthMb: number;
  /** The export's lines, and what keeping them would cost at the least (their bytes as text). */
  lines: number;
  keptTextMb: number;
  /** RSS of the server during the timed HTTP download (reference only: garbage not yet collected counts there). */
  serverRssGrowthMb: number;
  bounded: boolean;
}

/** Live heap growth allowed: the export's in-flight pages and the driver's buffers, not its data. */
const LIVE_SLACK_MB = 16;

/**
 * Memory that grows with the export's size shows in the live heap, not in RSS: a streamed export allocates
 * short-lived objects at full speed and V8 lets its heap grow to its next collection threshold before collecting,
 * so the server's RSS during a download measures garbage as much as data. So the same export (the product's own
 * service and writer, as the route runs them) is run again in this process, with a full collection forced before it
 * and at each quarter of its lines: an export that kept its rows would rise by a quarter of them each time (at least
 * `keptTextMb` over the whole); a streamed one stays within LIVE_SLACK_MB of where it started, whatever its size.
 */
function memoryCheck(heap: QuarterHeap, lines: number, bytes: number, download: Download): MemoryCheck {
  return {
    liveHeapMb: heap.readings.map((r) => round(r) ?? 0),
    liveGrowthMb: round(heap.growthMb) ?? 0,
    lines,
    keptTextMb: round(bytes / 2 ** 20) ?? 0,
    serverRssGrowthMb: Math.round(Math.max(0, download.rssPeakMb - download.rssBeforeMb)),
    bounded: heap.growthMb <= LIVE_SLACK_MB,
  };
}

function withMemory(result: MeasureResult, memory: MemoryCheck): MeasureResult {
  const readings = memory.liveHeapMb.map((r) => r.toFixed(0)).join(" / ");
  const said = `live heap before and at each quarter ${readings} MiB`;
  if (memory.bounded)
    return { ...result, note: `${result.note ?? ""}; memory bounded: ${said}`, details: { ...result.details, memory } };
  return {
    ...result,
    met: false,
    note: `${result.note ?? ""}; MEMORY GREW: ${said} (rose ${memory.liveGrowthMb} MiB, allowed ${LIVE_SLACK_MB})`,
    details: { ...result.details, memory },
  };
}

/** codes.csv of a batch through the product's service and writer in this process, the live heap read each quarter. */
async function codesCsvHeap(ctx: BenchContext, batchId: string, lines: number): Promise<QuarterHeap> {
  const heap = new QuarterHeap(lines);
  const list = await ctx.services.labels.openCodeList(batchId, OPERATOR);
  const sink = heap.sink();
  const finished = new Promise<void>((resolve, reject) => sink.on("finish", resolve).on("error", reject));
  await writeCodesCsv(list.pages, 1, sink);
  await finished;
  return heap;
}

/** The recall CSV's rows through the product's service in this process, the live heap read each quarter. */
async function recallCsvHeap(ctx: BenchContext, key: string, lines: number): Promise<QuarterHeap> {
  const heap = new QuarterHeap(lines);
  for await (const row of ctx.services.recallService.streamObjects(key, OPERATOR)) {
    void `${row.key},${row.kind},${row.certain ? "CERTAIN" : "POSSIBLE"}\n`;
    heap.passed(1);
  }
  return heap;
}

/**
 * The label sheets of a batch through the product's service and writer in this process, as the route runs them (A4
 * sheets, default fields) into a sink that drops the bytes, the live heap read each quarter of its labels.
 */
async function labelsPdfHeap(ctx: BenchContext, batchId: string, labels: number): Promise<QuarterHeap> {
  const heap = new QuarterHeap(labels);
  const batchExport = await ctx.services.labels.open(batchId, OPERATOR);
  const format = parseLabelFormat({});
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await writeLabelPdf(
    {
      format,
      fields: defaultFields(format.width, format.height),
      font: await loadLabelFont(labelFontPath()),
      title: "bench",
      label: (code) => {
        heap.passed(1);
        return ctx.services.labels.labelContent(batchExport, code);
      },
      pages: batchExport.pages,
    },
    discard,
  );
  return heap;
}

export async function codesCsvMeasure(ctx: BenchContext): Promise<MeasureResult> {
  const sizes = SIZES[ctx.mode];
  const big = await large(ctx);
  const small = await issueBatch(ctx, sizes.csvSmall);
  await download(ctx, `/batches/${encodeURIComponent(small.id)}/codes.csv`); // warm-up
  const largeRun = await download(ctx, `/batches/${encodeURIComponent(big.id)}/codes.csv`);
  if (largeRun.lines !== big.count + 1) throw new Error(`codes.csv: ${largeRun.lines} lines for ${big.count} codes`);
  const rate = big.count / largeRun.seconds;
  ctx.log(`  codes.csv: ${big.count} codes in ${largeRun.seconds.toFixed(2)} s (${rate.toFixed(0)}/s)`);
  const heap = await codesCsvHeap(ctx, big.id, largeRun.lines);
  const memory = memoryCheck(heap, largeRun.lines, largeRun.bytes, largeRun);
  return withMemory(
    measureResult(
      "export.codes_csv.codes_per_s",
      { ours: rate, baseline: CSV_BUDGET, unit: "codes/s", scale: ctx.mode, runs: 1 },
      {
        note: `GET /batches/{id}/codes.csv of ${big.count} codes, request to last byte; baseline = the ${CSV_BUDGET} codes/s budget`,
        details: { codes: big.count, seconds: round(largeRun.seconds), bytes: largeRun.bytes },
      },
    ),
    memory,
  );
}

export async function labelsPdfMeasure(ctx: BenchContext): Promise<MeasureResult> {
  const sizes = SIZES[ctx.mode];
  const small = await issueBatch(ctx, sizes.pdfSmall);
  const big = await issueBatch(ctx, sizes.pdfLarge);
  await download(ctx, `/batches/${encodeURIComponent(small.id)}/labels.pdf`); // warm-up
  const largeRun = await download(ctx, `/batches/${encodeURIComponent(big.id)}/labels.pdf`);
  const rate = big.count / largeRun.seconds;
  ctx.log(`  labels.pdf: ${big.count} labels in ${largeRun.seconds.toFixed(2)} s (${rate.toFixed(0)}/s)`);
  // As for the CSVs, the live heap of the same export run in this process decides (see memoryCheck): the server's RSS
  // during the download counts its young generation, which a larger --max-semi-space-size (SERVER_NODE_FLAGS) lets
  // grow before it collects, whatever the size of the export (it is kept in the details as serverRssGrowthMb).
  const heap = await labelsPdfHeap(ctx, big.id, big.count);
  const memory = memoryCheck(heap, big.count, largeRun.bytes, largeRun);
  return withMemory(
    measureResult(
      "export.labels_pdf.labels_per_s",
      { ours: rate, baseline: PDF_BUDGET, unit: "labels/s", scale: ctx.mode, runs: 1 },
      {
        note: `GET /batches/{id}/labels.pdf of ${big.count} labels (A4 sheets, default fields), request to last byte; baseline = the ${PDF_BUDGET} labels/s budget`,
        details: { labels: big.count, seconds: round(largeRun.seconds), bytes: largeRun.bytes },
      },
    ),
    memory,
  );
}

export async function recallCsvMeasure(ctx: BenchContext): Promise<MeasureResult> {
  const sizes = SIZES[ctx.mode];
  const big = await large(ctx);
  const small = await issueBatch(ctx, sizes.csvSmall);
  await download(ctx, `/recalls/${encodeURIComponent(small.key)}.csv`); // warm-up
  const largeRun = await download(ctx, `/recalls/${encodeURIComponent(big.key)}.csv`);
  // The batch itself and its codes, and the header.
  if (largeRun.lines !== big.count + 2) throw new Error(`recall csv: ${largeRun.lines} lines for ${big.count} codes`);
  const rows = big.count + 1;
  const seconds = (largeRun.seconds * MILLION) / rows;
  ctx.log(`  recall csv: ${rows} rows in ${largeRun.seconds.toFixed(2)} s`);
  const heap = await recallCsvHeap(ctx, big.key, rows);
  const memory = memoryCheck(heap, largeRun.lines, largeRun.bytes, largeRun);
  return withMemory(
    measureResult(
      "export.recall_csv.million_rows_s",
      { ours: seconds, baseline: RECALL_BUDGET_S, unit: "s", scale: ctx.mode, runs: 1 },
      {
        note: `GET /recalls/{lot}.csv of a lot with ${big.count} item codes (${rows} rows)${rows < MILLION ? ", seconds for 1,000,000 rows extrapolated" : ""}; baseline = the ${RECALL_BUDGET_S} s budget`,
        details: { rows, seconds: round(largeRun.seconds), bytes: largeRun.bytes },
      },
    ),
    memory,
  );
}

/** At most `count` evenly spaced samples of a progress series (its first and last kept). */
function thin<T>(series: T[], count: number): T[] {
  if (series.length <= count) return series;
  const step = (series.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => series[Math.round(i * step)] as T);
}
