import type { EpcisValidationResult } from "../../src/epcis/validate-document.js";
import type { MapOptions } from "../../src/epcis/map-events.js";
import type { EpcisEvent, NamespaceMap } from "../../src/epcis/epcis-event.type.js";
import type { WritePlan } from "../../src/graph/flow-model.js";
import { epcisDocument } from "../generate/epcis-document.js";
import { DEFAULT_CHAIN, SupplyChain } from "../generate/supply-chain.js";

/**
 * Capture's own CPU per document (issue 19, ingest row), without the database: the steps CaptureService.prepare runs
 * before it writes (depth check, validation, mapping, master data) on documents of fresh lots like the ingest
 * measure's; median ms per document and step. With `OTHER_SRC` (another checkout's src, e.g. an export of main), both
 * in turn in one process. Run under `node --cpu-prof --import tsx` for a profile.
 *   [OTHER_SRC=/tmp/main/src] npx tsx bench/experiments/capture-cpu.ts [documents] [lots]
 */
interface Side {
  name: string;
  depth: (value: unknown, field: string) => void;
  validate: (doc: unknown) => EpcisValidationResult;
  map: (events: readonly EpcisEvent[], options: MapOptions) => WritePlan;
  masterData: (doc: unknown, namespaces: NamespaceMap) => unknown[];
}

async function side(name: string, src: string): Promise<Side> {
  const validate = (await import(`${src}/epcis/validate-document.ts`)) as {
    validateEpcisDocument: Side["validate"];
  };
  const map = (await import(`${src}/epcis/map-events.ts`)) as { mapEventsToWritePlan: Side["map"] };
  const master = (await import(`${src}/epcis/master-data.ts`)) as { masterDataOf: Side["masterData"] };
  const depth = (await import(`${src}/json/json-depth.ts`)) as { assertJsonDepth: Side["depth"] };
  return {
    name,
    depth: depth.assertJsonDepth,
    validate: validate.validateEpcisDocument,
    map: map.mapEventsToWritePlan,
    masterData: master.masterDataOf,
  };
}

function document(n: number, lots: number): Record<string, unknown> {
  const chain = new SupplyChain({
    ...DEFAULT_CHAIN,
    seed: 20240301 + n,
    variant: "tree",
    lots,
    scanShare: 0,
    namespace: `C${n}`.slice(0, 12),
    ssccBase: 700_000_000 + n * 1_000,
  });
  const events = [...chain.batches(lots)].flatMap((batch) => batch.events);
  // As the server receives it: parsed from the request's JSON.
  return JSON.parse(JSON.stringify(epcisDocument(events, new Date().toISOString()))) as Record<string, unknown>;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const documents = Number(process.argv[2] ?? 40);
  const lots = Number(process.argv[3] ?? 2);
  const sides = [await side("this", "../../src")];
  if (process.env.OTHER_SRC) sides.unshift(await side("other", process.env.OTHER_SRC));
  const times = new Map<string, number[]>();
  const record = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
  let events = 0;
  for (let n = 0; n < documents; n++) {
    const doc = document(n, lots);
    for (const s of n % 2 === 0 ? sides : [...sides].reverse()) {
      const step = <T>(name: string, work: () => T): T => {
        const started = performance.now();
        const result = work();
        if (n >= 5) record(`${s.name} ${name}`, performance.now() - started);
        return result;
      };
      const started = performance.now();
      step("depth", () => s.depth(doc, "document"));
      const result = step("validate", () => s.validate(doc));
      if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
      const plan = step("map", () => s.map(result.events, { namespaces: result.namespaces }));
      step("masterData", () => s.masterData(doc, result.namespaces));
      if (n >= 5) record(`${s.name} total`, performance.now() - started);
      events = plan.events.length;
    }
  }
  console.log(`${documents} documents of ${events} events; median ms per document (first 5 left out):`);
  for (const [key, values] of [...times].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${key.padEnd(20)} ${median(values).toFixed(2)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
