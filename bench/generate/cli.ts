import { parseArgs } from "../lib/args.js";
import { benchApplication, benchDb, benchDriver, startBenchDb } from "../lib/bench-db.js";
import { datasets } from "./datasets.js";
import { loadDataset, prepareSchema, registerOrganizations } from "./load.js";

/**
 * Loads the benchmark datasets into the bench Neo4j without measuring anything:
 *   npx tsx bench/generate/cli.ts --quick [--seed 7] [--batch 4]
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const db = benchDb(args.mode);
  startBenchDb(db);
  const driver = benchDriver(db);
  const application = benchApplication(db, 600_000);
  const executor = application.executor;
  try {
    await prepareSchema(executor);
    console.log(`[load] ${await registerOrganizations(executor)} organisations registered`);
    for (const spec of datasets(args.mode, args.seed, args.lots)) {
      const stats = await loadDataset(executor, spec, { lotsPerBatch: args.lotsPerBatch, log: (l) => console.log(l) });
      if (stats.loaded) console.log(`[load ${spec.variant}] done in ${stats.seconds.toFixed(1)} s`);
    }
  } finally {
    await application.close();
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
