import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from "neo4j-driver";
import type { Logger } from "pino";
import { mapNeo4jError } from "./neo4j-errors.js";
import type { CypherQuery } from "./cypher-query.js";
import { toNative } from "./to-native.js";

export interface ExecutorOptions {
  database?: string;
  /** Server-side transaction timeout; a runaway traversal is stopped by Neo4j, not left running. */
  timeoutMs: number;
  logger?: Logger;
}

export type Row = Record<string, unknown>;

/**
 * The only code that opens sessions. Managed transactions (retried by the driver on transient errors), a timeout
 * and metadata on each, errors mapped to domain errors, results converted to plain objects.
 */
export class Executor {
  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /** Runs one read query and returns its rows as plain objects. */
  async read(query: CypherQuery, name = "read"): Promise<Row[]> {
    return this.readTx((tx) => runRows(tx, query), name);
  }

  /** Runs one write query and returns its rows as plain objects. */
  async write(query: CypherQuery, name = "write"): Promise<Row[]> {
    return this.writeTx((tx) => runRows(tx, query), name);
  }

  /** Several statements in one read transaction. */
  async readTx<T>(work: (tx: ManagedTransaction) => Promise<T>, name = "read"): Promise<T> {
    return this.withSession(neo4j.session.READ, name, (session, config) => session.executeRead(work, config));
  }

  /** Several statements in one write transaction: all of them land, or none. */
  async writeTx<T>(work: (tx: ManagedTransaction) => Promise<T>, name = "write"): Promise<T> {
    return this.withSession(neo4j.session.WRITE, name, (session, config) => session.executeWrite(work, config));
  }

  private async withSession<T>(
    mode: typeof neo4j.session.READ | typeof neo4j.session.WRITE,
    name: string,
    work: (session: neo4j.Session, config: { timeout: number; metadata: Record<string, string> }) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: mode, database: this.options.database });
    const started = performance.now();
    try {
      return await work(session, { timeout: this.options.timeoutMs, metadata: { app: "tracegraph", query: name } });
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      this.options.logger?.debug({ query: name, ms: Math.round(performance.now() - started) }, "cypher");
      await session.close();
    }
  }
}

/** Runs a query inside a transaction and converts its records; for repositories composing several statements. */
export async function runRows(tx: ManagedTransaction, query: CypherQuery): Promise<Row[]> {
  const result = await tx.run(query.cypher, query.params);
  return result.records.map(recordToRow);
}

function recordToRow(record: Neo4jRecord): Row {
  return toNative(record.toObject()) as Row;
}
