import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIdentifier } from "../../../src/codes/index.js";
import { mapEventsToWritePlan } from "../../../src/epcis/map-events.js";
import { validateEpcisDocument } from "../../../src/epcis/validate-document.js";
import { epcisDocument } from "../../../bench/generate/epcis-document.js";
import { DEFAULT_CHAIN, SupplyChain, type ChainConfig } from "../../../bench/generate/supply-chain.js";
import { toWritePlan } from "../../../bench/generate/write-plan.js";

function config(overrides: Partial<ChainConfig> = {}): ChainConfig {
  return {
    ...DEFAULT_CHAIN,
    seed: 7,
    variant: "dag",
    lots: 8,
    itemsPerLot: 40,
    namespace: "UT",
    ssccBase: 900_000_000,
    ...overrides,
  };
}

function fingerprint(chain: SupplyChain): string {
  const hash = createHash("sha256");
  for (const batch of chain.batches(3)) hash.update(JSON.stringify(toWritePlan(batch.events).plan));
  return hash.digest("hex");
}

describe("the benchmark's supply-chain generator", () => {
  it("generates the same graph, byte for byte, from the same seed", () => {
    for (const variant of ["tree", "dag"] as const) {
      expect(fingerprint(new SupplyChain(config({ variant })))).toBe(fingerprint(new SupplyChain(config({ variant }))));
    }
  });

  it("generates a different graph from another seed", () => {
    expect(fingerprint(new SupplyChain(config({ seed: 8 })))).not.toBe(fingerprint(new SupplyChain(config())));
  });

  it("gives the same structure whatever the batch size", () => {
    const edges = (lotsPerBatch: number) =>
      [...new SupplyChain(config()).batches(lotsPerBatch)]
        .flatMap((b) => toWritePlan(b.events).plan.edges.map((e) => `${e.kind} ${e.from} ${e.to}`))
        .sort();
    expect(edges(1)).toEqual(edges(8));
  });

  it("names every object by its canonical GS1 key", () => {
    const [batch] = [...new SupplyChain(config()).batches(2)];
    for (const { key } of toWritePlan(batch?.events ?? []).plan.objects) expect(parseIdentifier(key).key).toBe(key);
  });

  it("shares components only in the dag variant", () => {
    const consumers = (variant: "tree" | "dag") => {
      const uses = new Map<string, number>();
      for (const batch of new SupplyChain(config({ variant })).batches(8)) {
        for (const e of toWritePlan(batch.events).plan.edges) {
          if (e.kind === "TRANSFORMED_INTO") uses.set(e.from, (uses.get(e.from) ?? 0) + 1);
        }
      }
      return Math.max(...uses.values());
    };
    expect(consumers("tree")).toBe(1);
    expect(consumers("dag")).toBeGreaterThan(1);
  });

  it("writes the rows EPCIS capture maps from the same events", () => {
    const [batch] = [...new SupplyChain(config({ variant: "tree", scanShare: 0 })).batches(2)];
    const events = batch?.events ?? [];
    const validated = validateEpcisDocument(JSON.parse(JSON.stringify(epcisDocument(events, "2024-03-01T00:00:00Z"))));
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors.slice(0, 3)));
    const captured = mapEventsToWritePlan(validated.events, { namespaces: validated.namespaces });
    const ours = toWritePlan(events).plan;
    const rows = (plan: typeof ours) => ({
      objects: plan.objects.map((o) => `${o.kind} ${o.key}`).sort(),
      edges: plan.edges.map((e) => `${e.kind} ${e.from} ${e.to} ${e.eventId} ${Boolean(e.quantityLevel)}`).sort(),
      shipments: plan.shipments.map((s) => `${s.objectKey} ${s.toOrgId} ${s.fromOrgId ?? ""} ${s.eventId}`).sort(),
    });
    expect(rows(ours)).toEqual(rows(captured));
  });
});
