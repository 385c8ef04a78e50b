import { benchApplication, benchDb, startBenchDb, stopBenchDb } from "./lib/bench-db.js";
import { registerOrganizations, prepareSchema } from "./generate/load.js";
import { organizations } from "./generate/organizations.js";
import { closeHttpAgent } from "./lib/http-client.js";
import { startOurServer } from "./lib/servers.js";
import type { BenchContext } from "./lib/context.js";
import { notifyMeasure } from "./measures/notify.measure.js";

/**
 * notify.delivery.p95_ms alone (issue 18), on the quick bench store without loading the bench's dataset (the measure
 * needs none: its subscriptions, probes and ingest make their own data). For a quick figure while the dataset load is
 * slow: `npx tsx bench/notify-alone.ts` (BENCH_NEO4J_PORT and the other bench variables apply).
 */
async function main(): Promise<void> {
  process.setSourceMapsEnabled(false);
  const db = benchDb("quick");
  startBenchDb(db);
  const application = benchApplication(db, 600_000);
  const stamp = Date.now().toString(36).toUpperCase().slice(-7);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const ours = await (async () => {
    await prepareSchema(application.executor);
    log(`[load] ${await registerOrganizations(application.executor)} organisations registered`);
    return startOurServer(db);
  })();
  try {
    const maker = organizations().all[0]!;
    const key = await application.services.apiKeys.create({
      organizationId: maker.id,
      role: "MANUFACTURER",
      name: `bench notify ${stamp}`,
    });
    const ctx = {
      mode: "quick",
      ours,
      makerAuthorization: `Bearer ${key.key}`,
      adminKeyAuthorization: `Bearer ${key.key}`,
      seed: 20240301,
      stamp,
      absolute: {},
      log,
    } as unknown as BenchContext;
    const result = await notifyMeasure(ctx);
    log(JSON.stringify({ result, absolute: ctx.absolute }, null, 2));
  } finally {
    await ours.stop();
    closeHttpAgent();
    await application.close();
    stopBenchDb(db);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
