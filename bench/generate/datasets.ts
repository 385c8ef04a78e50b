import { DEFAULT_CHAIN, type ChainConfig, type Variant } from "./supply-chain.js";

/**
 * The datasets of a run. Quick: about 100,000 items; full: over 1,000,000 items and 5,000,000 relationships. Half of
 * the product lots are tree-shaped, half DAG-shaped (shared components), each in its own key namespace.
 */
export type Mode = "quick" | "full";

export interface DatasetSpec {
  variant: Variant;
  config: ChainConfig;
}

export const LOTS_PER_VARIANT: Readonly<Record<Mode, number>> = { quick: 100, full: 1050 };

export function datasets(mode: Mode, seed: number, lots = LOTS_PER_VARIANT[mode]): DatasetSpec[] {
  const prefix = mode === "quick" ? "Q" : "F";
  return (["tree", "dag"] as const).map((variant, i) => ({
    variant,
    config: {
      ...DEFAULT_CHAIN,
      seed,
      variant,
      lots,
      namespace: `${prefix}${variant === "tree" ? "T" : "D"}`,
      ssccBase: (i + 1) * 100_000_000,
    },
  }));
}

/** A stable id for a dataset's marker node: what was loaded, with which seed and size. */
export function datasetId(spec: DatasetSpec): string {
  const c = spec.config;
  return [
    // v3: events carry their parties and what they originate (API-CONTRACT §6); v4: edges carry their viewers and
    // parties their sightings of events (viewers.queries.ts). Older stores cannot be reused.
    "v4",
    c.namespace,
    c.variant,
    c.seed,
    c.lots,
    c.itemsPerLot,
    c.caseSize,
    c.casesPerPallet,
    c.bom.join("."),
    c.sharing.join("."),
  ].join(":");
}
