import type { Executor } from "../../src/graph/executor.js";
import { query } from "../../src/graph/query.js";
import { migrate } from "../../src/graph/migrations.js";
import { datasetId, type DatasetSpec } from "./datasets.js";
import { organizations } from "./organizations.js";
import { SupplyChain } from "./supply-chain.js";
import { toWritePlan } from "./write-plan.js";
import { createRepositories } from "../../src/root/composition-root.js";

/**
 * Loads datasets through the product's own ingestion path: organisations through OrganizationRepository, events
 * through FlowWriterRepository.write (one transaction per batch of lots, exactly as EPCIS capture writes a mapped document).
 * A marker node records progress, so an interrupted load resumes and a finished one is not loaded again.
 */
export interface LoadStats {
  dataset: string;
  loaded: boolean;
  productLots: number;
  items: number;
  events: number;
  objects: number;
  relationships: number;
  seconds: number;
}

export interface LoadOptions {
  lotsPerBatch: number;
  log: (line: string) => void;
}

const MARKER = "BenchDataset";

export async function prepareSchema(executor: Executor): Promise<void> {
  await migrate(executor);
}

export async function registerOrganizations(executor: Executor): Promise<number> {
  const repository = createRepositories(executor).organizations;
  const all = organizations().all;
  for (const org of all) await repository.upsert(org);
  return all.length;
}

async function loadedLots(executor: Executor, id: string): Promise<number> {
  const rows = await executor.read(
    query("bench.loadedLots", `MATCH (d:${MARKER} {id: $id}) RETURN d.loadedLots AS lots`, { id }),
  );
  return Number(rows[0]?.lots ?? 0);
}

async function markProgress(
  executor: Executor,
  id: string,
  lots: number,
  total: number,
  batch: BatchStats,
): Promise<void> {
  await executor.write(
    query(
      "bench.markProgress",
      `MERGE (d:${MARKER} {id: $id})
       SET d.loadedLots = $lots, d.complete = $complete, d.updatedAt = datetime(),
           d.events = coalesce(d.events, 0) + $events, d.relationships = coalesce(d.relationships, 0) + $relationships,
           d.items = coalesce(d.items, 0) + $items, d.seconds = coalesce(d.seconds, 0.0) + $seconds`,
      { id, lots, complete: lots >= total, ...batch },
    ),
  );
}

interface BatchStats {
  events: number;
  relationships: number;
  items: number;
  seconds: number;
}

/** What the markers recorded of every load into this database: FlowWriterRepository throughput at the time of loading. */
export async function recordedLoads(executor: Executor): Promise<Record<string, unknown>[]> {
  const rows = await executor.read(
    query(
      "bench.recordedLoads",
      `MATCH (d:${MARKER}) RETURN d.id AS dataset, d.complete AS complete, d.items AS items, d.events AS events,
                   d.relationships AS relationships, d.seconds AS seconds ORDER BY dataset`,
    ),
  );
  return rows.map((r) => {
    const seconds = Number(r.seconds ?? 0);
    const rate = (v: unknown) => (seconds > 0 ? Math.round(Number(v ?? 0) / seconds) : null);
    return {
      ...r,
      seconds: Math.round(seconds),
      eventsPerSecond: rate(r.events),
      relationshipsPerSecond: rate(r.relationships),
      itemsPerSecond: rate(r.items),
    };
  });
}

export async function loadDataset(executor: Executor, spec: DatasetSpec, options: LoadOptions): Promise<LoadStats> {
  const id = datasetId(spec);
  const done = await loadedLots(executor, id);
  const chain = new SupplyChain(spec.config);
  const writer = createRepositories(executor).flowWriter;
  const stats: LoadStats = {
    dataset: id,
    loaded: false,
    productLots: 0,
    items: 0,
    events: 0,
    objects: 0,
    relationships: 0,
    seconds: 0,
  };
  if (done >= spec.config.lots) {
    options.log(`[load ${spec.variant}] already loaded (${id})`);
    return stats;
  }
  if (done > 0) options.log(`[load ${spec.variant}] resuming after ${done} of ${spec.config.lots} lots`);
  const started = performance.now();
  let lots = 0;
  let lastLog = 0;
  for (const batch of chain.batches(options.lotsPerBatch)) {
    lots += batch.productLots;
    // Earlier batches are regenerated (cheap) so shared-component state matches, but not written again.
    if (lots <= done) continue;
    const { plan, counts } = toWritePlan(batch.events);
    const writeStarted = performance.now();
    await writer.write(plan);
    const seconds = (performance.now() - writeStarted) / 1000;
    stats.loaded = true;
    stats.productLots += batch.productLots;
    stats.items += batch.items;
    stats.events += counts.events;
    stats.objects += counts.objects;
    stats.relationships += counts.relationships;
    await markProgress(executor, id, lots, spec.config.lots, {
      events: counts.events,
      relationships: counts.relationships,
      items: batch.items,
      seconds,
    });
    const now = performance.now();
    if (now - lastLog > 5_000 || lots >= spec.config.lots) {
      lastLog = now;
      const s = (now - started) / 1000;
      options.log(
        `[load ${spec.variant}] ${lots}/${spec.config.lots} lots · ${fmt(stats.items)} items · ${fmt(stats.relationships)} rels · ` +
          `${fmt(stats.events / s)} events/s · ${fmt(stats.relationships / s)} rels/s`,
      );
    }
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
