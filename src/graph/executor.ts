import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from "neo4j-driver";
import type { Logger } from "pino";
import { logParams } from "./log-params.js";
import { mapNeo4jError } from "./neo4j-errors.js";
import type { Query } from "./query.js";
import { toNative } from "./to-native.js";

export interface ExecutorOptions {
  database?: string;
  /** Server-side transaction timeout; a runaway traversal is stopped by Neo4j, not left running. */
  timeoutMs: number;
  logger?: Logger;
}

export type Row = Record<string, unknown>;

/** A result record read field by field, for hot paths that skip the generic conversion (see QueryRunner.records). */
export interface RawRecord {
  get(key: string): unknown;
}

/**
 * Runs queries inside one transaction (readTx / writeTx). Our own small interface over the driver's transaction, so
 * repositories compose statements without touching the driver, and every statement is logged the same way.
 */
export interface QueryRunner {
  /** The statement's rows as plain objects (toNative: integers, temporals, nodes converted). */
  rows(q: Query): Promise<Row[]>;
  /**
   * The statement's records as the driver returns them, unconverted: for hot paths that know their fields' types and
   * read them one by one (trace.repository), where walking every value with toNative would cost a third of the CPU.
   */
  records(q: Query): Promise<RawRecord[]>;
}

type Mode = typeof neo4j.session.READ | typeof neo4j.session.WRITE;

/**
 * The only code that opens sessions. Managed transactions (retried by the driver on transient errors), a timeout
 * and metadata on each, errors mapped to domain errors, results converted to plain objects, and each statement
 * logged at debug level with its name, Cypher, parameters (summarised) and duration.
 */
export class Executor {
  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /** Runs one read statement in its own transaction, named after the query. */
  async read(q: Query): Promise<Row[]> {
    return this.readTx(q.name, (tx) => tx.rows(q));
  }

  /** Runs one write statement in its own transaction, named after the query. */
  async write(q: Query): Promise<Row[]> {
    return this.writeTx(q.name, (tx) => tx.rows(q));
  }

  /** Several statements in one read transaction (one snapshot). */
  async readTx<T>(name: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.transaction(neo4j.session.READ, name, work);
  }

  /** Several statements in one write transaction: all of them land, or none. */
  async writeTx<T>(name: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.transaction(neo4j.session.WRITE, name, work);
  }

  private async transaction<T>(mode: Mode, name: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: mode, database: this.options.database });
    const config = { timeout: this.options.timeoutMs, metadata: { app: "tracegraph", query: name } };
    const started = performance.now();
    const run = (tx: ManagedTransaction) => work(new TransactionRunner(tx, name, this.options.logger));
    try {
      return await (mode === neo4j.session.READ ? session.executeRead(run, config) : session.executeWrite(run, config));
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      this.options.logger?.debug({ transaction: name, ms: elapsed(started) }, "transaction");
      await session.close();
    }
  }
}

/** The QueryRunner over one managed transaction (a retried transaction gets a fresh one). */
class TransactionRunner implements QueryRunner {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly transaction: string,
    private readonly logger: Logger | undefined,
  ) {}

  async rows(q: Query): Promise<Row[]> {
    return (await this.run(q)).map(recordToRow);
  }

  async records(q: Query): Promise<RawRecord[]> {
    return this.run(q);
  }

  private async run(q: Query): Promise<Neo4jRecord[]> {
    const started = performance.now();
    let rows: number | null = null;
    try {
      const { records } = await this.tx.run(q.cypher, q.params);
      rows = records.length;
      return records;
    } finally {
      // The summary walks the parameters: built only when debug lines are written at all. A failed statement is
      // logged too (rows: null), so the log shows what was sent.
      if (this.logger?.isLevelEnabled("debug")) {
        const statement = { query: q.name, transaction: this.transaction, cypher: q.cypher.trim() };
        this.logger.debug({ ...statement, params: logParams(q.params), rows, ms: elapsed(started) }, "cypher");
      }
    }
  }
}

function recordToRow(record: Neo4jRecord): Row {
  return toNative(record.toObject()) as Row;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
