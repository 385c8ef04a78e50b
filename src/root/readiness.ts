import type { Logger } from "pino";
import { ServiceUnavailableError } from "../errors/app-errors.js";
import type { Executor } from "../graph/executor.js";
import { LATEST_MIGRATION, appliedVersion, migrate } from "../graph/migrations.js";

export interface ReadinessReport {
  ready: boolean;
  reason?: string;
}

/**
 * Tracks whether the service can do its job: Neo4j reachable and the schema migrated. Migrations are (re)applied
 * whenever a check finds them missing, so a server started before Neo4j, or pointed at a fresh database, heals itself.
 */
export class Readiness {
  private migrating: Promise<void> | undefined;

  constructor(
    private readonly executor: Executor,
    private readonly logger: Logger,
  ) {}

  async check(): Promise<ReadinessReport> {
    try {
      const version = await appliedVersion(this.executor);
      if (version >= LATEST_MIGRATION) return { ready: true };
      void this.ensureMigrated();
      return { ready: false, reason: `migrations pending (applied ${version}, need ${LATEST_MIGRATION})` };
    } catch (error) {
      // The reason is public (/readyz needs no credential): ours, never the driver's text, which is logged instead.
      if (!(error instanceof ServiceUnavailableError)) this.logger.warn({ err: error }, "readiness check failed");
      return { ready: false, reason: "Neo4j unreachable or refusing the service's queries" };
    }
  }

  /** Applies migrations once at a time; errors are logged and retried by the next check. */
  ensureMigrated(): Promise<void> {
    this.migrating ??= migrate(this.executor)
      .then((applied) => {
        if (applied.length > 0) this.logger.info({ applied }, "migrations applied");
      })
      .finally(() => {
        this.migrating = undefined;
      });
    return this.migrating;
  }
}
