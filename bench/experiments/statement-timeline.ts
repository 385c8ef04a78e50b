import "reflect-metadata";
import type { Driver, ManagedTransaction } from "neo4j-driver";
import { Executor } from "../../src/graph/executor.js";
import { RecallRepository } from "../../src/graph/recall.repository.js";
import { OrganizationRepository } from "../../src/graph/organization.repository.js";
import { createProducerServices } from "../../src/producer/producer-services.js";
import { ScanRole } from "../../src/resolvers/types/scan.input.js";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchDb, benchDriver } from "../lib/bench-db.js";

/**
 * Where a request's time goes on the database side: the product's own services run in this process over a driver
 * whose transactions report every statement (first line of its Cypher, ms until its records are in) and every
 * transaction (ms from open to commit). For recordScan and recallImpact, the two measures whose server CPU profile
 * is mostly idle.
 *   npx tsx bench/experiments/statement-timeline.ts
 */
interface Entry {
  what: string;
  ms: number;
}

function tracing(driver: Driver, log: Entry[]): Driver {
  const wrapTx = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop !== "run") return Reflect.get(target, prop, receiver) as unknown;
        return async (cypherText: string, params?: Record<string, unknown>) => {
          const started = performance.now();
          const result = await target.run(cypherText, params);
          const line = cypherText.trim().split("\n").slice(0, 2).join(" ").slice(0, 90);
          log.push({ what: `  statement: ${line}`, ms: performance.now() - started });
          return result;
        };
      },
    });
  return new Proxy(driver, {
    get(target, prop, receiver) {
      if (prop !== "session") return Reflect.get(target, prop, receiver) as unknown;
      return (config: Parameters<Driver["session"]>[0]) => {
        const session = target.session(config);
        const wrap =
          (mode: "executeRead" | "executeWrite") =>
          async <T>(work: (tx: ManagedTransaction) => Promise<T>, txConfig?: object) => {
            const started = performance.now();
            const out = await session[mode]((tx) => work(wrapTx(tx)), txConfig);
            log.push({
              what: `${mode === "executeRead" ? "read" : "write"} transaction (open to commit)`,
              ms: performance.now() - started,
            });
            return out;
          };
        return new Proxy(session, {
          get(s, p, r) {
            if (p === "executeRead" || p === "executeWrite") return wrap(p);
            return Reflect.get(s, p, r) as unknown;
          },
        });
      };
    },
  });
}

async function timeline(label: string, log: Entry[], work: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await work(); // warm
  log.length = 0;
  const started = performance.now();
  await work();
  const total = performance.now() - started;
  console.log(`\n${label}: ${total.toFixed(1)} ms in this process`);
  for (const e of log) console.log(`  ${e.ms.toFixed(2).padStart(7)} ms  ${e.what}`);
}

async function main(): Promise<void> {
  process.setSourceMapsEnabled(false);
  const driver = benchDriver(benchDb("quick"));
  const log: Entry[] = [];
  const executor = new Executor(tracing(driver, log), { timeoutMs: 60_000 });
  const producer = createProducerServices(executor, { publicBaseUrl: "http://127.0.0.1" });
  const spec = datasets("quick", 20240301).find((d) => d.variant === "dag");
  if (!spec) throw new Error("no dag dataset");
  const chain = new SupplyChain(spec.config);
  const items = chain.itemKeys(3);
  let n = 0;
  try {
    await timeline("recordScan (MarketService, as the mutation calls it)", log, () =>
      producer.market.recordScan({
        code: items[n++] ?? "",
        regionCode: "440301",
        scannedAt: new Date("2024-12-01T08:00:00Z"),
        role: ScanRole.CONSUMER,
      }),
    );
    const recall = new RecallRepository(executor);
    const orgs = new OrganizationRepository(executor);
    const root = chain.roots().productLot;
    await timeline(
      "recallImpact (summary, then first page and organisations as the resolvers run them)",
      log,
      async () => {
        const summary = await recall.summary(root);
        await Promise.all([
          recall.objectsPage(root, 100, null),
          orgs.findByIds(summary.organizations.map((o) => o.orgId)),
        ]);
      },
    );
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
