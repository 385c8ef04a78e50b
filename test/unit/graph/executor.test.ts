import neo4j, { type Driver } from "neo4j-driver";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { Executor } from "../../../src/graph/executor.js";
import { query } from "../../../src/graph/query.js";

/** A driver whose transactions answer every statement with `records`, noting what they were given. */
function fakeDriver(records: neo4j.Record[]) {
  const statements: { cypher: string; params: unknown }[] = [];
  const configs: unknown[] = [];
  const tx = {
    run: async (cypher: string, params: unknown) => {
      statements.push({ cypher, params });
      return { records };
    },
  };
  const autoCommits: unknown[] = [];
  const session = {
    run: async (cypher: string, params: unknown, config: unknown) => {
      autoCommits.push(config);
      return tx.run(cypher, params);
    },
    // Like the driver's TransactionPromise, usable without awaiting BEGIN.
    beginTransaction: (config: unknown) => {
      configs.push(config);
      return { ...tx, commit: async () => undefined, rollback: async () => undefined, isOpen: () => true };
    },
    close: async () => undefined,
  };
  return { driver: { session: () => session } as unknown as Driver, statements, configs, autoCommits };
}

/** A debug logger whose lines are kept as objects. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("Executor", () => {
  it("runs a query in a transaction named after it and converts its rows", async () => {
    const { driver, statements, configs } = fakeDriver([new neo4j.Record(["n"], [neo4j.int(3)])]);
    const executor = new Executor(driver, { timeoutMs: 1_000 });
    const rows = await executor.readTx("test.tx", (tx) => tx.rows(query("test.count", "RETURN $n AS n", { n: 3 })));
    expect(rows).toEqual([{ n: 3 }]);
    expect(statements).toEqual([{ cypher: "RETURN $n AS n", params: { n: 3 } }]);
    expect(configs).toEqual([{ timeout: 1_000, metadata: { app: "tracegraph", query: "test.tx" } }]);
  });

  it("runs a single read statement as an auto-commit transaction, and refuses a second one in it", async () => {
    const { driver, configs, autoCommits } = fakeDriver([new neo4j.Record(["n"], [neo4j.int(3)])]);
    const executor = new Executor(driver, { timeoutMs: 1_000 });
    expect(await executor.read(query("test.count", "RETURN 3 AS n"))).toEqual([{ n: 3 }]);
    expect(configs).toEqual([]);
    expect(autoCommits).toEqual([{ timeout: 1_000, metadata: { app: "tracegraph", query: "test.count" } }]);
    await expect(
      executor.readSingle("test.two", async (tx) => {
        await tx.rows(query("test.one", "RETURN 1"));
        return tx.rows(query("test.another", "RETURN 2"));
      }),
    ).rejects.toThrow(/one statement/);
  });

  it("runs a single write statement as an auto-commit transaction with the same timeout and metadata", async () => {
    const { driver, statements, configs, autoCommits } = fakeDriver([new neo4j.Record(["n"], [neo4j.int(1)])]);
    const executor = new Executor(driver, { timeoutMs: 2_000 });
    const rows = await executor.write(query("test.create", "CREATE (n:X) RETURN 1 AS n"));
    expect(rows).toEqual([{ n: 1 }]);
    expect(statements).toEqual([{ cypher: "CREATE (n:X) RETURN 1 AS n", params: {} }]);
    expect(configs).toEqual([]);
    expect(autoCommits).toEqual([{ timeout: 2_000, metadata: { app: "tracegraph", query: "test.create" } }]);
  });

  it("gives hot paths the records unconverted", async () => {
    const { driver } = fakeDriver([new neo4j.Record(["depth"], [neo4j.int(2)])]);
    const executor = new Executor(driver, { timeoutMs: 1_000 });
    const [record] = await executor.readTx("test.raw", (tx) => tx.records(query("test.depth", "RETURN 2 AS depth")));
    expect(neo4j.isInt(record?.get("depth"))).toBe(true);
  });

  it("logs each statement's name, Cypher, summarised parameters and time at debug level", async () => {
    const { driver } = fakeDriver([]);
    const { logger, lines } = capturingLogger();
    const executor = new Executor(driver, { timeoutMs: 1_000, logger });
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ key: `k${i}` }));
    await executor.writeTx("test.write", (tx) =>
      tx.rows(query("test.unwind", "\nUNWIND $rows AS row RETURN row", { rows })),
    );
    const statement = lines.find((line) => line.msg === "cypher");
    expect(statement).toMatchObject({
      level: 20,
      query: "test.unwind",
      transaction: "test.write",
      cypher: "UNWIND $rows AS row RETURN row",
      params: { rows: { length: 10_000, first: [{ key: "k0" }, { key: "k1" }, { key: "k2" }] } },
      rows: 0,
    });
    expect(typeof statement?.ms).toBe("number");
    expect(lines.find((line) => line.msg === "transaction")).toMatchObject({ transaction: "test.write" });
  });
});
