import { percentile } from "../lib/stats.js";

/**
 * The soak's arithmetic and its written forms: per-minute figures by kind of request, memory growth after warm-up,
 * the verdict, and the Markdown summary. Pure: no clock, no I/O (soak.ts feeds it samples and writes its output).
 */

/** Throughput, latency and errors of one kind of request (or all of them) over one span of time. */
export interface KindFigures {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface MinuteReport {
  minute: number;
  /** Wall-clock seconds the minute really lasted (the last one waits for requests in flight). */
  seconds: number;
  total: KindFigures;
  kinds: Record<string, KindFigures>;
  /** The server child's resident set at the end of the minute, MiB (null when /proc could not be read). */
  serverRssMb: number | null;
  neo4jRssMb: number | null;
}

export interface MemoryGrowth {
  /** The minute whose end is the baseline: 2, or 1 for runs shorter than 3 minutes. */
  baselineMinute: number;
  baselineRssMb: number;
  lastMinute: number;
  lastRssMb: number;
  growthPercent: number;
}

export const MAX_ERRORS = 0;
export const MAX_GROWTH_PERCENT = 10;

/** Requests per second, p50 and p99 (interpolated, as the bench's stats), from one span's latencies. */
export function figures(latenciesMs: readonly number[], errors: number, seconds: number): KindFigures {
  return {
    requests: latenciesMs.length,
    perSecond: seconds > 0 ? latenciesMs.length / seconds : 0,
    p50Ms: latenciesMs.length ? percentile(latenciesMs, 50) : 0,
    p99Ms: latenciesMs.length ? percentile(latenciesMs, 99) : 0,
    errors,
  };
}

/**
 * Collects latencies and errors by kind of request and hands them over a minute at a time, and keeps every sample
 * for the whole-run figures (a 30-minute run at a few hundred requests/s is a few MB of numbers).
 */
export class SoakRecorder {
  private minute = new Map<string, { latencies: number[]; errors: number }>();
  private readonly run = new Map<string, { latencies: number[]; errors: number }>();
  readonly errorSamples: string[] = [];

  /** One request: its latency, and what went wrong with it if anything did. */
  record(kind: string, latencyMs: number, error?: string): void {
    for (const map of [this.minute, this.run]) this.entry(map, kind).latencies.push(latencyMs);
    if (error !== undefined) this.fail(kind, error);
  }

  /** An error that is not a request of its own (a capture job that failed after its 202). */
  fail(kind: string, error: string): void {
    for (const map of [this.minute, this.run]) this.entry(map, kind).errors += 1;
    // A handful is enough to tell what broke; the count says how often.
    if (this.errorSamples.length < 20) this.errorSamples.push(`${kind}: ${error}`);
  }

  private entry(map: Map<string, { latencies: number[]; errors: number }>, kind: string) {
    let entry = map.get(kind);
    if (!entry) map.set(kind, (entry = { latencies: [], errors: 0 }));
    return entry;
  }

  /** The minute just ended, and a fresh one started. */
  takeMinute(minute: number, seconds: number, memory: { serverRssMb: number | null; neo4jRssMb: number | null }) {
    const report: MinuteReport = { minute, seconds, ...summarise(this.minute, seconds), ...memory };
    this.minute = new Map();
    return report;
  }

  wholeRun(seconds: number): { total: KindFigures; kinds: Record<string, KindFigures> } {
    return summarise(this.run, seconds);
  }
}

function summarise(samples: Map<string, { latencies: number[]; errors: number }>, seconds: number) {
  const kinds: Record<string, KindFigures> = {};
  const all: number[] = [];
  let errors = 0;
  for (const [kind, entry] of [...samples].sort(([a], [b]) => a.localeCompare(b))) {
    kinds[kind] = figures(entry.latencies, entry.errors, seconds);
    // Not push(...latencies): a 30-minute run has hundreds of thousands of samples, more arguments than a call takes.
    for (const latency of entry.latencies) all.push(latency);
    errors += entry.errors;
  }
  return { total: figures(all, errors, seconds), kinds };
}

/**
 * The baseline minute, the end of the warm-up: a fifth of the run, from 1 to 5 minutes. A fresh Node server's heap
 * and Neo4j driver pools grow for its first minutes under load (measured: +51, +36, +16, +10 MiB in minutes 2-5 at
 * concurrency 8, the increments shrinking), which is warm-up, not a leak; a 30-minute run measures from minute 5.
 */
export function warmUpMinute(minutes: number): number {
  return Math.min(5, Math.max(1, Math.floor(minutes / 5)));
}

/** Server RSS growth from the end of the warm-up to the last minute, in %; null without two readings. */
export function memoryGrowth(minutes: readonly MinuteReport[]): MemoryGrowth | null {
  const last = minutes.at(-1);
  const baseline = minutes.find((m) => m.minute === warmUpMinute(minutes.length));
  if (!last || !baseline || last.serverRssMb === null || baseline.serverRssMb === null) return null;
  return {
    baselineMinute: baseline.minute,
    baselineRssMb: baseline.serverRssMb,
    lastMinute: last.minute,
    lastRssMb: last.serverRssMb,
    growthPercent: ((last.serverRssMb - baseline.serverRssMb) / baseline.serverRssMb) * 100,
  };
}

/** Green only with no error at all, memory read and grown by at most 10 %, and the run not cut short. */
export function verdict(errors: number, growth: MemoryGrowth | null, interrupted: boolean): string[] {
  const failures: string[] = [];
  if (errors > MAX_ERRORS) failures.push(`${errors} request(s) failed`);
  if (growth === null) failures.push("the server's memory could not be read");
  else if (growth.growthPercent > MAX_GROWTH_PERCENT)
    failures.push(`server RSS grew ${growth.growthPercent.toFixed(1)} % after warm-up (limit ${MAX_GROWTH_PERCENT} %)`);
  if (interrupted) failures.push("interrupted before the end");
  return failures;
}

export interface SoakReport {
  command: string;
  startedAt: string;
  finishedAt: string;
  minutes: number;
  concurrency: number;
  seed: number;
  interrupted: boolean;
  machine: { cpuModel: string; cores: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  dataset: Record<string, number>;
  perMinute: MinuteReport[];
  wholeRun: { total: KindFigures; kinds: Record<string, KindFigures> };
  memory: MemoryGrowth | null;
  errorSamples: string[];
  failures: string[];
}

const one = (v: number) => v.toFixed(1);
const mb = (v: number | null) => (v === null ? "n/a" : String(Math.round(v)));

/** The line printed at the end of every minute. */
export function minuteLine(m: MinuteReport, of: number): string {
  const head =
    `[soak] minute ${m.minute}/${of}: ${one(m.total.perSecond)} req/s, p50 ${one(m.total.p50Ms)} ms, ` +
    `p99 ${one(m.total.p99Ms)} ms, ${m.total.errors} errors, server RSS ${mb(m.serverRssMb)} MiB`;
  const kinds = Object.entries(m.kinds).map(
    ([kind, f]) =>
      `  ${kind.padEnd(16)} ${one(f.perSecond).padStart(7)}/s  p50 ${one(f.p50Ms).padStart(7)} ms  ` +
      `p99 ${one(f.p99Ms).padStart(8)} ms  errors ${f.errors}`,
  );
  return [head, ...kinds].join("\n");
}

export function growthText(growth: MemoryGrowth | null): string {
  if (!growth) return "server memory: not read";
  return (
    `server RSS ${mb(growth.baselineRssMb)} MiB at the end of minute ${growth.baselineMinute} → ` +
    `${mb(growth.lastRssMb)} MiB at the end of minute ${growth.lastMinute}: ` +
    `${growth.growthPercent >= 0 ? "+" : ""}${growth.growthPercent.toFixed(1)} %`
  );
}

export function markdown(report: SoakReport): string {
  const kindRows = Object.entries(report.wholeRun.kinds).map(
    ([kind, f]) =>
      `| ${kind} | ${f.requests} | ${one(f.perSecond)} | ${one(f.p50Ms)} | ${one(f.p99Ms)} | ${f.errors} |`,
  );
  const minuteRows = report.perMinute.map(
    (m) =>
      `| ${m.minute} | ${one(m.seconds)} | ${m.total.requests} | ${one(m.total.perSecond)} | ${one(m.total.p50Ms)} | ` +
      `${one(m.total.p99Ms)} | ${m.total.errors} | ${mb(m.serverRssMb)} | ${mb(m.neo4jRssMb)} |`,
  );
  const t = report.wholeRun.total;
  return [
    `# Soak: ${report.minutes} min at concurrency ${report.concurrency}`,
    "",
    `\`${report.command}\`, ${report.startedAt} → ${report.finishedAt}, seed ${report.seed}` +
      (report.interrupted ? " (**interrupted**)" : ""),
    "",
    `Machine: ${report.machine.cpuModel}, ${report.machine.cores} cores, Node ${report.machine.node}; ` +
      `load average ${report.machine.loadAverageAtStart.join(" ")} at the start, ` +
      `${report.machine.loadAverageAtEnd.join(" ")} at the end (the machine is shared).`,
    `Dataset (seeded through the API): ${Object.entries(report.dataset)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}.`,
    "",
    `**${report.failures.length === 0 ? "Green" : `Red: ${report.failures.join("; ")}`}.** ` +
      `${t.requests} requests, ${one(t.perSecond)} req/s, p50 ${one(t.p50Ms)} ms, p99 ${one(t.p99Ms)} ms, ` +
      `${t.errors} errors; ${growthText(report.memory)} (limit +${MAX_GROWTH_PERCENT} %).`,
    "",
    "| minute | seconds | requests | req/s | p50 ms | p99 ms | errors | server RSS MiB | Neo4j RSS MiB |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...minuteRows,
    "",
    "| kind (whole run) | requests | req/s | p50 ms | p99 ms | errors |",
    "| --- | --- | --- | --- | --- | --- |",
    ...kindRows,
    ...(report.errorSamples.length ? ["", "First errors:", "", ...report.errorSamples.map((e) => `- ${e}`)] : []),
    "",
  ].join("\n");
}
