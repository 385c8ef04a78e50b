import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import neo4j, { type Driver, type QueryResult } from "neo4j-driver";
import { RESULTS_DIR } from "./paths.js";

/**
 * What limits a measure, from profiles rather than guesses: Cypher `PROFILE` plans (operators, rows, db hits, wall
 * time) of ours and of the baseline side by side, and a summary of the server's CPU profile (self time by function
 * and by package) when the run was started with --profile.
 */
export const PROFILE_DIR = path.join(RESULTS_DIR, "profiles");

interface PlanLine {
  depth: number;
  operator: string;
  rows: number;
  dbHits: number;
  details: string;
}

type Plan = {
  operatorType: string;
  rows: number;
  dbHits: number;
  arguments: Record<string, unknown>;
  children: Plan[];
};

function flatten(plan: Plan, depth = 0, out: PlanLine[] = []): PlanLine[] {
  const details = String(plan.arguments.Details ?? "").replace(/\s+/g, " ");
  out.push({
    depth,
    operator: plan.operatorType.replace(/@neo4j$/, ""),
    rows: plan.rows,
    dbHits: plan.dbHits,
    details,
  });
  for (const child of plan.children) flatten(child, depth + 1, out);
  return out;
}

export interface ProfiledQuery {
  label: string;
  cypher: string;
  params: Record<string, unknown>;
  /** Write queries run in a transaction that is rolled back; `prepare` may write what the query needs first. */
  write?: boolean;
  prepare?: (tx: { run: (cypher: string, params?: Record<string, unknown>) => PromiseLike<unknown> }) => Promise<void>;
}

export interface ProfileSummary {
  label: string;
  ms: number;
  rows: number;
  dbHits: number;
  text: string;
}

function render(label: string, ms: number, result: QueryResult): ProfileSummary {
  const plan = result.summary.profile;
  const lines = plan ? flatten(plan as unknown as Plan) : [];
  const dbHits = lines.reduce((sum, l) => sum + l.dbHits, 0);
  const table = lines
    .map(
      (l) =>
        `${"  ".repeat(l.depth)}${l.operator.padEnd(Math.max(1, 34 - 2 * l.depth))} rows ${String(l.rows).padStart(9)}  db hits ${String(l.dbHits).padStart(10)}  ${l.details.slice(0, 150)}`,
    )
    .join("\n");
  const text = `## ${label}\nwall ${ms.toFixed(1)} ms (warm, PROFILE adds overhead), ${result.records.length} rows returned, ${dbHits.toLocaleString("en-US")} db hits\n\n${table}\n`;
  return { label, ms, rows: result.records.length, dbHits, text };
}

/** PROFILEs each query twice (the first warms the plan cache) and keeps the second. */
export async function profileQueries(driver: Driver, queries: ProfiledQuery[]): Promise<ProfileSummary[]> {
  const out: ProfileSummary[] = [];
  for (const query of queries) {
    let last: ProfileSummary | undefined;
    for (let i = 0; i < 2; i++) {
      const session = driver.session({ defaultAccessMode: query.write ? neo4j.session.WRITE : neo4j.session.READ });
      const tx = session.beginTransaction();
      try {
        if (query.prepare) await query.prepare(tx);
        const started = performance.now();
        const result = await tx.run(`PROFILE ${query.cypher}`, query.params);
        last = render(query.label, performance.now() - started, result);
      } finally {
        await tx.rollback();
        await session.close();
      }
    }
    if (last) out.push(last);
  }
  return out;
}

export function writeProfiles(name: string, summaries: ProfileSummary[]): string {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const file = path.join(PROFILE_DIR, `${name}.txt`);
  writeFileSync(file, summaries.map((s) => s.text).join("\n"));
  return file;
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * The main thread's .cpuprofile in `dir` (the largest: tsx's loader thread writes a small one too), summarised: self
 * time by function and by package / source folder.
 */
export function summariseCpuProfile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const sizeOf = (f: string) => statSync(path.join(dir, f)).size;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort((a, b) => sizeOf(a) - sizeOf(b));
  const newest = files.at(-1);
  if (!newest) return undefined;
  const profile = JSON.parse(readFileSync(path.join(dir, newest), "utf8")) as {
    nodes: CpuNode[];
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * interval;
    if (ms === 0) continue;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      .replace(/^file:\/\//, "")
      .replace(/^.*\/node_modules\//, "node_modules/")
      .replace(/^.*\/work\/main\//, "");
    const fn = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    const pkg = packageOf(where, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${(v / 1000).toFixed(2).padStart(8)} s ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `# Server CPU profile (${newest})`,
    `${(total / 1000).toFixed(1)} s of samples; self time`,
    "",
    "## By package / source folder",
    ...top(byPackage, 20),
    "",
    "## By function",
    ...top(byFunction, 40),
    "",
  ].join("\n");
}

function packageOf(where: string, functionName: string): string {
  if (where.startsWith("node_modules/")) {
    const parts = where.split("/");
    return parts[1]?.startsWith("@") ? `${parts[1]}/${parts[2]}` : (parts[1] ?? where);
  }
  if (where.startsWith("src/")) return where.split("/").slice(0, 2).join("/");
  if (where.startsWith("node:")) return where.split("/")[0] ?? where;
  if (where === "") return functionName.startsWith("(") ? functionName : "(native / V8)";
  return where;
}
