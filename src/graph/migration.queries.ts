import { query, type Query } from "./query.js";

/**
 * Cypher of the migration runner. The schema statements themselves stay in migrations.ts, listed by version: they
 * are the migrations' data (append-only, never edited once applied), and `schemaStatement` only wraps one of them
 * so it runs, and is logged, like every other statement.
 */

/** One schema statement of MIGRATIONS (idempotent: IF NOT EXISTS); it cannot share a transaction with data writes. */
export function schemaStatement(statement: string): Query {
  return query("migration.schema", statement);
}

/** `created` tells whether this call recorded the version (false: it was recorded before). */
const RECORD_MIGRATION = `
MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.appliedAt = datetime(), m.created = true
ON MATCH SET m.created = false
RETURN m.created AS created`;

export function recordMigration(version: number, name: string): Query {
  return query("migration.record", RECORD_MIGRATION, { version, name });
}

/** Waits until the indexes are online, so the first queries after a start are not planned without them. */
export function awaitIndexes(): Query {
  return query("migration.awaitIndexes", "CALL db.awaitIndexes(300)");
}

const APPLIED_VERSION = `
MATCH (m:Migration)
RETURN coalesce(max(m.version), 0) AS version`;

export function appliedMigrationVersion(): Query {
  return query("migration.appliedVersion", APPLIED_VERSION);
}

/** A migration's backfill statement (migrations.ts), run once in an auto-commit transaction. */
export function backfillStatement(statement: string): Query {
  return query("migration.backfill", statement);
}

const APPLIED_VERSIONS = `
MATCH (m:Migration)
RETURN collect(m.version) AS versions`;

export function appliedMigrationVersions(): Query {
  return query("migration.appliedVersions", APPLIED_VERSIONS);
}
