import "reflect-metadata";
import { randomBytes } from "node:crypto";
import type { Driver } from "neo4j-driver";
import type { Executor } from "../../src/graph/executor.js";
import type { FlowWriterRepository } from "../../src/graph/flow-writer.repository.js";
import { loadConfig } from "../../src/root/config.js";
import { createApplication, type Application } from "../../src/root/composition-root.js";
import type { Services } from "../../src/root/services.js";

/**
 * The services, plus what tests reach below them: the executor (to check what was written) and the flow writer (to
 * write a plan directly). Test-only: the application's own Services hand out neither.
 */
export type TestServices = Services & { executor: Executor; flowWriter: FlowWriterRepository };

let shared: { application: Application; services: TestServices } | undefined;

/** The application on the real Neo4j (local launcher or NEO4J_URI), built and migrated once per test worker. */
export async function testApplication(): Promise<Application> {
  return (await started()).application;
}

/** Services on the real Neo4j, from the same composition root as the server. */
export async function testServices(): Promise<TestServices> {
  return (await started()).services;
}

async function started(): Promise<{ application: Application; services: TestServices }> {
  if (!shared) {
    // Each test worker runs the jobs it stores, on a queue of its own: a worker that ends while holding a lease would
    // otherwise leave another worker's job waiting for the lease to run out.
    const config = loadConfig({
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
      JOB_QUEUE: `test-${process.pid}`,
      JOB_POLL_MS: "200",
      // Every test file views pages from 127.0.0.1: count them all, unless a test builds an app with a lower limit.
      CONSUMER_VIEWS_PER_MINUTE: process.env.CONSUMER_VIEWS_PER_MINUTE ?? "100000",
    });
    const application = createApplication({ config, queryTimeoutMs: 60_000 });
    await application.migrate();
    application.jobs.start();
    const services = {
      ...application.services,
      executor: application.executor,
      flowWriter: application.repositories.flowWriter,
    };
    shared = { application, services };
  }
  return shared;
}

/** The driver, for tests that open a session of their own (EXPLAIN of every statement). */
export async function testDriver(): Promise<{ driver: Driver; database: string | undefined }> {
  const application = await testApplication();
  return { driver: application.driver, database: application.config.neo4j.database };
}

export async function closeTestServices(): Promise<void> {
  await shared?.application.jobs.stop(Date.now() + 5_000);
  await shared?.application.close();
  shared = undefined;
}

/** A fresh suffix so every test's data is its own: tests never see or delete each other's nodes. */
export function uniqueSuffix(): string {
  return randomBytes(6).toString("hex");
}
