import neo4j, { Neo4jError, type Driver, type Record as Neo4jRecord, type Transaction } from "neo4j-driver";
import type { Logger } from "pino";
import { ServiceUnavailableError } from "../errors/app-errors.js";
import type { CircuitBreaker } from "./circuit-breaker.js";
import { logParams } from "./log-params.js";
import { isUnavailable, mapNeo4jError } from "./neo4j-errors.js";
import { retryPolicy, type RetryPolicy } from "./retry-policy.js";
import type { Query } from "./query.js";
import { toNative } from "./to-native.js";

export interface ExecutorOptions {
  database?: string;
  /** Server-side transaction timeout; a runaway traversal is stopped by Neo4j, not left running. */
  timeoutMs: number;
  logger?: Logger;
  /** Fails calls at once for a while after Neo4j was found unreachable (none: every call tries). */
  breaker?: CircuitBreaker;
  /** Which failed attempts are tried again, and when; default retryPolicy(). */
  retry?: RetryPolicy;
  /** Server-side timeout of a streamed statement (an export paced by its client); default ten minutes. */
  streamTimeoutMs?: number;
  /**
   * Called after the commit of a transaction that ran one of `statements` (by query name): the notification worker
   * is woken when a capture's outbox change commits, instead of waiting for its next poll.
   */
  wakeOnCommit?: { statements: ReadonlySet<string>; wake: () => void };
}

/** Records a streamed statement pulls at a time: the driver asks for more once 30 % of them are left. */
const STREAM_FETCH_SIZE = 2_000;
const STREAM_TIMEOUT_MS = 600_000;

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

/** BEGIN ... COMMIT around any number of statements, or one statement committed on its own (Executor.write). */
type TransactionKind = "explicit" | "auto-commit";

/** Runs one statement in the transaction at hand; resolves with every record. */
type StatementRun = (cypher: string, params: Query["params"]) => PromiseLike<{ records: Neo4jRecord[] }>;

/**
 * The only code that opens sessions. Transactions with a timeout and metadata, retried on transient errors (a
 * deadlock) by our own policy rather than the driver's, so that an unreachable database fails the call at once
 * instead of after seconds of reconnecting (retry-policy.ts); a circuit breaker then fails the calls behind it
 * without trying. Errors are mapped to domain errors, results converted to plain objects, and each statement logged
 * at debug level with its name, Cypher, parameters (summarised) and duration.
 */
export class Executor {
  private readonly retry: RetryPolicy;

  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {
    this.retry = options.retry ?? retryPolicy();
  }

  /**
   * Runs one read statement in its own transaction, named after the query. Like every single statement here, as an
   * auto-commit transaction: one message out and one answer back, where BEGIN, RUN and COMMIT are three writes to
   * the socket and three answers (each a wake-up of both processes); as atomic, with the same timeout, metadata and
   * retries.
   */
  async read(q: Query): Promise<Row[]> {
    return this.readSingle(q.name, (tx) => tx.rows(q));
  }

  /** Runs one write statement in its own (auto-commit) transaction, named after the query; committed when it returns. */
  async write(q: Query): Promise<Row[]> {
    return this.transaction(neo4j.session.WRITE, q.name, (tx) => tx.rows(q), "auto-commit");
  }

  /** One read statement in an auto-commit transaction (see read), for work that reads its records itself. */
  async readSingle<T>(name: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.transaction(neo4j.session.READ, name, work, "auto-commit");
  }

  /**
   * One statement in an auto-commit transaction of its own, without a timeout or retries: for a migration's backfill,
   * whose `CALL { ... } IN TRANSACTIONS` commits as it goes and cannot run inside a transaction of ours.
   */
  async autoCommit(q: Query): Promise<void> {
    const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE, database: this.options.database });
    const started = performance.now();
    try {
      await session.run(q.cypher, q.params);
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close().catch(() => undefined);
      this.options.logger?.debug({ query: q.name, ms: elapsed(started) }, "auto-commit statement");
    }
  }

  /**
   * One read statement whose records are handed over as they arrive: the driver pulls the next records only as these
   * are consumed, so a slow consumer holds the statement back instead of its rows piling up in memory. For exports of
   * any size; not retried (records may have been handed over already). Stopping early (`break`) rolls back and closes.
   * `fetchSize`: records pulled at a time; fewer for a statement whose records each hold many rows.
   */
  async *stream(q: Query, fetchSize: number = STREAM_FETCH_SIZE): AsyncGenerator<RawRecord> {
    yield* this.readStream(q.name, fetchSize, async function* (tx) {
      for await (const record of tx.run(q.cypher, q.params)) yield record;
    });
  }

  /**
   * Keyset pages read in one read transaction (one snapshot): `first`, then `next(page)` for as long as it names a
   * statement. Each page's records are handed over whole, and the next page's statement is sent before that, so the
   * database reads it while the caller writes this one: never more than two pages in memory, however many follow. A
   * page that is one record holding a list costs the driver one record instead of thousands (exports). Not retried;
   * stopping early rolls back and closes, as `stream`.
   */
  async *streamPages(first: Query, next: (page: RawRecord[]) => Query | null): AsyncGenerator<RawRecord[]> {
    yield* this.readStream(first.name, undefined, async function* (tx) {
      const run = (q: Query): Promise<RawRecord[]> => {
        // Records iterated, not awaited whole: a Result awaited keeps its records, and the transaction keeps every
        // Result it ran until it ends, so awaited pages would all stay in memory until the last one (the live heap
        // grew by the whole export, bench/measures/exports.measure.ts).
        const records = (async () => {
          const page: RawRecord[] = [];
          for await (const record of tx.run(q.cypher, q.params)) page.push(record);
          return page;
        })();
        // A caller that stops early leaves the prefetched page unread: its failure must not go unhandled.
        records.catch(() => undefined);
        return records;
      };
      let page = await run(first);
      for (;;) {
        const following = next(page);
        const prefetched = following ? run(following) : null;
        yield page;
        if (!prefetched) return;
        page = await prefetched;
      }
    });
  }

  /**
   * The frame of `stream` and `streamPages`: a read transaction with the stream timeout, the circuit breaker told how
   * Neo4j answered, errors mapped, and the transaction rolled back and the session closed however the caller stops.
   */
  private async *readStream<T>(
    name: string,
    fetchSize: number | undefined,
    read: (tx: Transaction) => AsyncGenerator<T>,
  ): AsyncGenerator<T> {
    const admission = this.options.breaker?.admit();
    const session = this.driver.session({
      defaultAccessMode: neo4j.session.READ,
      database: this.options.database,
      ...(fetchSize === undefined ? {} : { fetchSize }),
    });
    const started = performance.now();
    let tx: Transaction | null = null;
    let items = 0;
    try {
      try {
        tx = await session.beginTransaction({
          timeout: this.options.streamTimeoutMs ?? STREAM_TIMEOUT_MS,
          metadata: { app: "tracegraph", query: name },
        });
        for await (const item of read(tx)) {
          items++;
          yield item;
        }
        await tx.commit();
        admission?.reachable();
      } catch (error) {
        if (!isUnavailable(error)) {
          admission?.reachable();
          throw mapNeo4jError(error);
        }
        admission?.unreachable();
        this.options.logger?.warn({ query: name, err: error }, "Neo4j unreachable");
        throw new ServiceUnavailableError(undefined, this.options.breaker?.retryAfterSeconds ?? 1);
      }
    } finally {
      if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
      await session.close().catch(() => undefined);
      this.options.logger?.debug({ query: name, items, ms: elapsed(started) }, "streamed statement");
    }
  }

  /** Several statements in one read transaction (one snapshot). */
  async readTx<T>(name: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.transaction(neo4j.session.READ, name, work);
  }

  /** Several statements in one write transaction: all of them land, or none. */
  async writeTx<T>(name: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.transaction(neo4j.session.WRITE, name, work);
  }

  private async transaction<T>(
    mode: Mode,
    name: string,
    work: (tx: QueryRunner) => Promise<T>,
    kind: TransactionKind = "explicit",
  ): Promise<T> {
    const admission = this.options.breaker?.admit();
    const started = performance.now();
    try {
      const result = await this.attempts(mode, name, work, kind);
      admission?.reachable();
      return result;
    } catch (error) {
      if (!isUnavailable(error)) {
        admission?.reachable();
        throw mapNeo4jError(error);
      }
      admission?.unreachable();
      this.options.logger?.warn({ transaction: name, err: error }, "Neo4j unreachable");
      throw new ServiceUnavailableError(undefined, this.options.breaker?.retryAfterSeconds ?? 1);
    } finally {
      this.options.logger?.debug({ transaction: name, ms: elapsed(started) }, "transaction");
    }
  }

  /** One transaction, tried again while the retry policy says so. */
  private async attempts<T>(
    mode: Mode,
    name: string,
    work: (tx: QueryRunner) => Promise<T>,
    kind: TransactionKind,
  ): Promise<T> {
    const first = Date.now();
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      try {
        return await (kind === "auto-commit"
          ? this.autoCommitAttempt(mode, name, work)
          : this.attempt(mode, name, work));
      } catch (error) {
        const wait = this.retry.delayBefore(error, {
          attempt,
          sinceFirstMs: Date.now() - first,
          tookMs: Date.now() - started,
        });
        if (wait === null) throw error;
        // Deadlocks and lock timeouts between our own writers: worth seeing, each costs the caller `wait` ms.
        this.options.logger?.info(
          { transaction: name, attempt, waitMs: wait, code: error instanceof Neo4jError ? error.code : undefined },
          "transaction retried",
        );
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /**
   * One transaction. Round trips to Neo4j are most of a small request's time, so: BEGIN is not awaited (the driver's
   * TransactionPromise is usable at once; BEGIN goes out with the first RUN, as driver.executeQuery sends it, and a
   * failed BEGIN fails that RUN with its error), and a read transaction's answer is returned without waiting for its
   * COMMIT, which then closes the session in the background: every record was pulled in the transaction already, and
   * committing a read changes nothing, so it cannot change the answer. A write's COMMIT is awaited, as always.
   */
  private async attempt<T>(mode: Mode, name: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: mode, database: this.options.database });
    let closing: Promise<unknown> | null = null;
    try {
      const tx = session.beginTransaction(this.transactionConfig(name));
      try {
        const runner = new TransactionRunner(
          (cypher, params) => withoutDriverStack(() => tx.run(cypher, params)),
          name,
          this.options.logger,
          this.options.wakeOnCommit?.statements,
        );
        const result = await work(runner);
        if (mode === neo4j.session.READ) {
          closing = tx.commit().catch((error: unknown) => this.readCommitFailed(name, error));
          return result;
        }
        await tx.commit();
        if (runner.touchedWatched) this.options.wakeOnCommit?.wake();
        return result;
      } catch (error) {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        throw error;
      }
    } finally {
      // A session on a connection that just broke may fail to close; the call's own error is what matters.
      if (closing) void closing.finally(() => session.close().catch(() => undefined));
      else await session.close().catch(() => undefined);
    }
  }

  /** One statement as an auto-commit transaction: `work` may run one statement only. */
  private async autoCommitAttempt<T>(mode: Mode, name: string, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: mode, database: this.options.database });
    try {
      let statements = 0;
      const config = this.transactionConfig(name);
      const runner = new TransactionRunner(
        (cypher, params) => {
          statements += 1;
          if (statements > 1) throw new Error(`${name}: an auto-commit transaction runs one statement`);
          return withoutDriverStack(() => session.run(cypher, params, config));
        },
        name,
        this.options.logger,
        this.options.wakeOnCommit?.statements,
      );
      const result = await work(runner);
      if (runner.touchedWatched) this.options.wakeOnCommit?.wake();
      return result;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  private transactionConfig(name: string) {
    return { timeout: this.options.timeoutMs, metadata: { app: "tracegraph", query: name } };
  }

  private readCommitFailed(name: string, error: unknown): void {
    this.options.logger?.debug({ transaction: name, err: error }, "read transaction's commit failed (answer kept)");
  }
}

/**
 * Runs a driver call without the stack trace the driver captures for every statement's Result (neo4j-driver-core
 * result.js captureStacktrace: `new Error("").stack`, formatted at once, a tenth to a third of a millisecond per
 * statement in the bench's profiles). That trace only replaces the stack of an error the statement fails with; the
 * failing statement is named by its transaction's metadata and the debug log (query name), and its error is mapped to
 * a coded one (neo4j-errors.ts). The Result is built synchronously inside the call, so the limit is back before
 * anything else runs.
 */
function withoutDriverStack<T>(call: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return call();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The QueryRunner over one transaction (a retried transaction gets a fresh one). */
class TransactionRunner implements QueryRunner {
  /** Whether a statement of `watched` ran (ExecutorOptions.wakeOnCommit). */
  touchedWatched = false;

  constructor(
    private readonly runStatement: StatementRun,
    private readonly transaction: string,
    private readonly logger: Logger | undefined,
    private readonly watched: ReadonlySet<string> | undefined,
  ) {}

  async rows(q: Query): Promise<Row[]> {
    return (await this.run(q)).map(recordToRow);
  }

  async records(q: Query): Promise<RawRecord[]> {
    return this.run(q);
  }

  private async run(q: Query): Promise<Neo4jRecord[]> {
    if (this.watched?.has(q.name)) this.touchedWatched = true;
    const started = performance.now();
    let rows: number | null = null;
    try {
      const { records } = await this.runStatement(q.cypher, q.params);
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
