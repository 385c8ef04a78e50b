import "reflect-metadata";
import { randomBytes } from "node:crypto";
import type { Driver } from "neo4j-driver";
import { loadConfig } from "../../src/server/config.js";
import { createDriver } from "../../src/graph/driver.js";
import { Executor } from "../../src/graph/executor.js";
import { migrate } from "../../src/graph/migrations.js";
import { createServices, type Services } from "../../src/server/services.js";
import { createLogger } from "../../src/server/logger.js";

let shared: { services: Services; driver: Driver; database: string | undefined } | undefined;

/** Services on the real Neo4j (local launcher or NEO4J_URI), migrated once per test worker. */
export async function testServices(): Promise<Services> {
  if (!shared) {
    const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" });
    const driver = createDriver(config.neo4j);
    const logger = createLogger(config.logLevel);
    const executor = new Executor(driver, { database: config.neo4j.database, timeoutMs: 60_000, logger });
    await migrate(executor);
    shared = { services: createServices(config, executor, logger), driver, database: config.neo4j.database };
  }
  return shared.services;
}

/** The test worker's driver, for what only tests do with it (EXPLAIN plans, see query-plan.ts). */
export async function testDriver(): Promise<{ driver: Driver; database: string | undefined }> {
  await testServices();
  if (!shared) throw new Error("test services are not started");
  return { driver: shared.driver, database: shared.database };
}

export async function closeTestServices(): Promise<void> {
  await shared?.driver.close();
  shared = undefined;
}

/** A fresh suffix so every test's data is its own: tests never see or delete each other's nodes. */
export function uniqueSuffix(): string {
  return randomBytes(6).toString("hex");
}
