import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/root/config.js";

describe("loadConfig", () => {
  it("uses the local launcher and port 4000 when nothing is set", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.externalUri).toBeUndefined();
    expect(config.neo4j.uri).toBe("bolt://127.0.0.1:7687");
    expect(config.seedDemo).toBe(true);
  });

  it("uses NEO4J_URI as an external server", () => {
    const config = loadConfig({ NEO4J_URI: "neo4j+s://db.example.com", NEO4J_PASSWORD: "x" });
    expect(config.neo4j.externalUri).toBe("neo4j+s://db.example.com");
    expect(config.neo4j.uri).toBe("neo4j+s://db.example.com");
  });

  it("names every bad variable at once", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "http", NEO4J_URI: "mysql://x", SEED_DEMO: "maybe", PUBLIC_BASE_URL: "ftp://x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ["PORT", "NEO4J_URI", "SEED_DEMO", "PUBLIC_BASE_URL"]) expect(message).toContain(name);
  });

  it("keeps jobs a week and gives running work 25 s at shutdown unless told otherwise", () => {
    const config = loadConfig({});
    expect(config.jobs).toEqual({
      queue: "default",
      leaseMs: 30_000,
      pollMs: 1_000,
      concurrency: 2,
      retentionMs: 168 * 3_600_000,
      maxAttempts: 5,
      issueInlineLimit: 20_000,
      issueChunkSize: 10_000,
      issueParallel: 2,
    });
    expect(config.shutdownGraceMs).toBe(25_000);
    const set = loadConfig({ JOB_RETENTION_HOURS: "24", SHUTDOWN_GRACE_MS: "5000", JOB_QUEUE: "eu-1" });
    expect([set.jobs.retentionMs, set.shutdownGraceMs, set.jobs.queue]).toEqual([24 * 3_600_000, 5_000, "eu-1"]);
    expect(() => loadConfig({ JOB_RETENTION_HOURS: "0", JOB_QUEUE: "a b" })).toThrow(
      /JOB_QUEUE.*\n.*JOB_RETENTION_HOURS/s,
    );
  });
});
