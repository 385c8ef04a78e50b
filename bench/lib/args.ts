/** Command-line flags of the bench scripts: `--quick`, `--seed 7`, `--only trace,recall`, `--profile`, ... */
export interface BenchArgs {
  mode: "quick" | "full";
  seed: number;
  /** Measure names (or prefixes) to run; empty = all. */
  only: string[];
  /** Product lots per FlowWriterRepository transaction while loading. */
  lotsPerBatch: number;
  /** Start the server with --cpu-prof and write PROFILE plans of every measured Cypher. */
  profile: boolean;
  /** Leave the bench Neo4j running at the end (faster re-runs). */
  keepDb: boolean;
  /** Delete the bench's own Neo4j store first and load the datasets again (write measures add data every run). */
  fresh: boolean;
  /** Override the product lots per variant (for experiments). */
  lots: number | undefined;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const value = (name: string): string | undefined => {
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    if (inline) return inline.slice(name.length + 3);
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    const parsed = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive whole number`);
    return parsed;
  };
  const lots = value("lots");
  return {
    mode: argv.includes("--quick") ? "quick" : "full",
    seed: number("seed", 20240301),
    only: (value("only") ?? "").split(",").filter(Boolean),
    lotsPerBatch: number("batch", 4),
    profile: argv.includes("--profile"),
    keepDb: argv.includes("--keep-db"),
    fresh: argv.includes("--fresh"),
    lots: lots === undefined ? undefined : number("lots", 1),
  };
}
