import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ChartPoint } from "../measures/nested.measure.js";
import type { MachineInfo } from "./machine.js";
import { RESULTS_DIR } from "./paths.js";
import type { MeasureResult } from "./results.js";
import { logLogChart } from "./svg-chart.js";

/** Writes latest.json (the measures), latest-absolute.json (machine, data, absolute figures), latest.md and the chart. */
export interface RunReport {
  startedAt: string;
  minutes: number;
  mode: string;
  seed: number;
  machine: MachineInfo;
  data: Record<string, unknown>;
  measures: MeasureResult[];
  chart: ChartPoint[];
  absolute: Record<string, unknown>;
  memory: unknown;
  profiles: string[];
}

export const CHART_FILE = "downstream-latency-vs-size.svg";

function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : String(Math.round(value * 1000) / 1000);
}

function measuresTable(measures: MeasureResult[]): string {
  const rows = measures.map(
    (m) =>
      `| \`${m.name}\` | ${fmt(m.ours)} | ${fmt(m.baseline)} | **${fmt(m.ratio)}** | ${m.goal} | ${m.met === null ? "n/a" : m.met ? "yes" : "**no**"} | ${m.unit} | ${m.runs} |`,
  );
  return [
    "| measure | ours | baseline | ratio | goal | met | unit | runs |",
    "| --- | ---: | ---: | ---: | --- | --- | --- | ---: |",
    ...rows,
  ].join("\n");
}

function chartTable(chart: ChartPoint[]): string {
  const rows = chart.map(
    (p) =>
      `| ${p.variant} ${p.label} | ${p.nodes} | ${fmt(p.ours)} | ${fmt(p.raw)} | ${fmt(p.neo4jGraphql)} | ${fmt(p.neo4jGraphql === null ? null : p.ours / p.neo4jGraphql)} |`,
  );
  return [
    "| root | nodes | ours ms | raw Cypher ms | @neo4j/graphql ms | ours / @neo4j/graphql |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === "object" && value !== null ? (value as Json) : {};
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The absolute figures as a table: what the issue asks to record, each with its unit. */
function absoluteTable(report: RunReport): string {
  const a = report.absolute;
  const rows: [string, string][] = [];
  for (const load of (a.loads as Json[] | undefined) ?? []) {
    rows.push([
      `load through FlowWriterRepository, ${String(load.dataset).split(":").slice(0, 2).join(" ")}`,
      `${fmt(num(load.eventsPerSecond))} events/s, ${fmt(num(load.relationshipsPerSecond))} relationships/s, ${fmt(num(load.itemsPerSecond))} items/s (${fmt(num(load.items))} items in ${fmt(num(load.seconds))} s)`,
    ]);
  }
  const ingest = obj(a.ingest);
  rows.push(["EPCIS capture (captureEpcis over HTTP)", `${fmt(num(ingest.captureEventsPerSecond))} events/s`]);
  rows.push([
    "FlowWriterRepository alone / raw UNWIND, same rows",
    `${fmt(num(ingest.flowWriterEventsPerSecond))} / ${fmt(num(ingest.rawUnwindEventsPerSecond))} events/s`,
  ]);
  const codes = obj(a.codes);
  rows.push([
    "code issuance (issueCodes)",
    `${fmt(num(codes.codesPerSecond))} codes/s; 1,000,000 codes in ${fmt(num(codes.secondsFor1MillionCodes))} s (extrapolated)`,
  ]);
  rows.push(["raw UNWIND CREATE of the same code nodes", `${fmt(num(codes.rawUnwindCodesPerSecond))} codes/s`]);
  for (const [size, figures] of Object.entries(obj(a.traceDownstreamLatencyMs))) {
    const f = obj(figures);
    rows.push([
      `downstream trace, ${size}, ${fmt(num(f.nodes))} nodes`,
      `p50 ${fmt(num(f.p50))} ms, p99 ${fmt(num(f.p99))} ms (${fmt(num(f.samples))} sequential requests)`,
    ]);
  }
  const resolve = obj(a.resolveCode);
  rows.push([
    "resolveCode, 16 connections",
    `${fmt(num(resolve.requestsPerSecond))} requests/s, p50 ${fmt(num(resolve.p50Ms))} ms, p99 ${fmt(num(resolve.p99Ms))} ms`,
  ]);
  const memory = obj(report.memory);
  const bench = obj(memory.benchProcess);
  rows.push([
    "peak memory, bench process (generator, loader, clients)",
    `${fmt(num(bench.peakRssMb))} MiB RSS, ${fmt(num(bench.peakHeapUsedMb))} MiB heap used (process.memoryUsage)`,
  ]);
  for (const [name, figures] of Object.entries(obj(memory.processes))) {
    const f = obj(figures);
    rows.push([`peak memory, ${name}`, `${fmt(num(f.vmHwmMb))} MiB (VmHWM, /proc/<pid>/status)`]);
  }
  return ["| figure | value |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}

export function markdown(report: RunReport, profileBase = ""): string {
  const m = report.machine;
  const notes = report.measures.filter((x) => x.note).map((x) => `- \`${x.name}\`: ${x.note}`);
  return [
    `# Tracegraph benchmarks: ${report.mode} run`,
    "",
    `Run ${report.startedAt}, ${report.minutes.toFixed(1)} min, seed ${report.seed}. Machine: ${m.cores} × ${m.cpuModel}, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}${m.serverNodeFlags?.length ? ` (our server: ${m.serverNodeFlags.join(" ")})` : ""}; ${m.neo4j} (heap ${m.neo4jHeapMb} MiB, page cache ${m.neo4jPageCacheMb} MiB); load average ${m.loadAverageAtStart.join(" / ")} at start, ${m.loadAverageAtEnd?.join(" / ") ?? "?"} at end.`,
    "",
    `Data: ${Object.entries(report.data)
      .map(([k, v]) => `${k} ${typeof v === "number" ? v.toLocaleString("en-US") : JSON.stringify(v)}`)
      .join(", ")}.`,
    "",
    "Ratios are ours / baseline of medians; each side ran interleaved with the other on the same warm Neo4j after a warm-up.",
    "",
    measuresTable(report.measures),
    "",
    ...notes,
    "",
    `## Downstream latency against result size (depth 5)`,
    "",
    `![downstream latency against result size](${CHART_FILE})`,
    "",
    chartTable(report.chart),
    "",
    "## Absolute figures",
    "",
    absoluteTable(report),
    "",
    "All figures, with per-size and per-run details: `latest-absolute.json` and `latest.json`.",
    "",
    "## Profiles",
    "",
    ...report.profiles.map((p) => `- [${path.basename(p)}](${profileBase}${path.relative(RESULTS_DIR, p)})`),
    "",
  ].join("\n");
}

/**
 * A complete run writes latest.*; a partial one (--only) writes latest.*.partial.tmp beside them (ignored by git), so
 * latest.* always holds one whole run.
 */
export function writeReport(report: RunReport, partial: boolean): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = (name: string) => path.join(RESULTS_DIR, partial ? `${name}.partial.tmp` : name);
  writeFileSync(file("latest.json"), JSON.stringify(report.measures, null, 2) + "\n");
  const { measures: _measures, chart, ...context } = report;
  writeFileSync(file("latest-absolute.json"), JSON.stringify({ ...context, chart }, null, 2) + "\n");
  writeFileSync(file("latest.md"), markdown(report));
  if (!partial) {
    // A copy per mode, so the last quick and the last full run sit side by side.
    const modeDir = path.join(RESULTS_DIR, report.mode);
    mkdirSync(modeDir, { recursive: true });
    writeFileSync(path.join(modeDir, "latest.json"), JSON.stringify(report.measures, null, 2) + "\n");
    writeFileSync(path.join(modeDir, "latest-absolute.json"), JSON.stringify({ ...context, chart }, null, 2) + "\n");
    writeFileSync(path.join(modeDir, "latest.md"), markdown(report, "../"));
  }
  if (chart.length > 0 && !partial) {
    const svg = logLogChart(
      `Downstream trace, depth 5: p50 latency against result size (${report.mode})`,
      "result size (distinct nodes in the answer, log scale)",
      "p50 latency, ms (log scale)",
      [
        {
          name: "ours (GraphQL)",
          colour: "#1f77b4",
          points: chart.map((p) => ({ x: p.nodes, y: p.ours, dag: p.variant === "dag" })),
        },
        {
          name: "raw Cypher",
          colour: "#7f7f7f",
          points: chart.map((p) => ({ x: p.nodes, y: p.raw, dag: p.variant === "dag" })),
        },
        {
          name: "@neo4j/graphql v7",
          colour: "#ff7f0e",
          points: chart
            .filter((p) => p.neo4jGraphql !== null)
            .map((p) => ({ x: p.nodes, y: p.neo4jGraphql ?? 0, dag: p.variant === "dag" })),
        },
      ],
    );
    writeFileSync(path.join(RESULTS_DIR, CHART_FILE), svg);
    writeFileSync(path.join(RESULTS_DIR, report.mode, CHART_FILE), svg);
  }
}
