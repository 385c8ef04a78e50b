/** Order statistics and the interleaved runner every measure uses. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile with linear interpolation between neighbours. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? NaN;
  const b = sorted[high] ?? NaN;
  return a + (b - a) * (rank - low);
}

export interface Interleaved {
  ours: number[];
  baseline: number[];
}

export interface InterleaveOptions {
  warmup: number;
  runs: number;
  /** One repetition of each side; returns the sample (milliseconds, or units per second). */
  ours: () => Promise<number>;
  baseline: () => Promise<number>;
}

/**
 * Runs ours and the baseline alternately on the same warm database: warm-up rounds first (discarded), then `runs`
 * rounds in ABBA order (ours first on even rounds, baseline first on odd ones) so neither side always follows the
 * other's cache effects.
 */
export async function interleave(options: InterleaveOptions): Promise<Interleaved> {
  for (let i = 0; i < options.warmup; i++) {
    await options.ours();
    await options.baseline();
  }
  const result: Interleaved = { ours: [], baseline: [] };
  for (let i = 0; i < options.runs; i++) {
    if (i % 2 === 0) {
      result.ours.push(await options.ours());
      result.baseline.push(await options.baseline());
    } else {
      result.baseline.push(await options.baseline());
      result.ours.push(await options.ours());
    }
  }
  return result;
}

/** Milliseconds taken by `work`. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
