import { rmSync } from "node:fs";
import path from "node:path";
import type { DatasetSpec } from "../generate/datasets.js";
import { loadDataset, prepareSchema, registerOrganizations } from "../generate/load.js";
import type { BenchArgs } from "./args.js";
import { benchApplication, startBenchDb, stopBenchDb, type BenchDb } from "./bench-db.js";
import { PROJECT_ROOT } from "./paths.js";
import { removeSnapshot, restoreSnapshot, saveSnapshot, snapshotMatches, storeSnapshot } from "./store-snapshot.js";

/**
 * Leaves the bench's Neo4j running on a store holding exactly the datasets of this run (issue 19 item 4): the copy
 * taken when they were last loaded, restored, or an empty store loaded now and copied for the next run. Never the
 * previous run's store as it was left: the measures that write (ingest, codes, exports, notifications) add to it.
 */
export async function prepareStore(
  db: BenchDb,
  specs: readonly DatasetSpec[],
  args: Pick<BenchArgs, "fresh" | "lotsPerBatch">,
  log: (line: string) => void,
): Promise<void> {
  const store = path.resolve(PROJECT_ROOT, db.dataDir);
  // Only the bench's own store (.neo4j-data/bench-<mode>), never the test suite's database.
  if (!path.basename(store).startsWith("bench"))
    throw new Error(`the bench refuses to reset ${store}: not a bench store`);
  const snapshot = storeSnapshot(db.dataDir, specs, args.lotsPerBatch);
  if (args.fresh) removeSnapshot(db.dataDir);
  stopBenchDb(db);
  if (snapshotMatches(snapshot)) {
    const started = Date.now();
    restoreSnapshot(snapshot, db.dataDir);
    log(`[bench] store restored from the copy taken after its load (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    startBenchDb(db);
    return;
  }
  rmSync(store, { recursive: true, force: true });
  log(`[bench] no copy of this data yet (datasets or write path changed, or --fresh): loading into an empty store`);
  startBenchDb(db);
  const application = benchApplication(db, 600_000);
  try {
    await prepareSchema(application.executor);
    log(`[load] ${await registerOrganizations(application.executor)} organisations registered`);
    for (const spec of specs) await loadDataset(application.executor, spec, { lotsPerBatch: args.lotsPerBatch, log });
  } finally {
    await application.close();
  }
  stopBenchDb(db);
  const started = Date.now();
  saveSnapshot(snapshot, db.dataDir);
  log(`[bench] copied the loaded store for the next runs (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  startBenchDb(db);
}
