import { cypher, type CypherQuery } from "./cypher-query.js";

/** A query with the name it runs under (transaction metadata, debug log): the shape every statement moves to. */
export interface NamedQuery extends CypherQuery {
  readonly name: string;
}

function named(name: string, text: string, params: Record<string, unknown>): NamedQuery {
  return { name, ...cypher(text, params) };
}

/** Everything of a key but its hash: the one projection answers are built from, so the hash cannot leak. */
const PUBLIC_FIELDS = `.id, .name, .organizationId, .role, .createdAt, .expiresAt, .revokedAt, .lastUsedAt, .createdBy,
  .revokedBy`;

export interface NewApiKeyRow {
  id: string;
  secretHash: string;
  organizationId: string;
  role: string;
  name: string | null;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string | null;
  createdBy: string | null;
}

/**
 * Creates a key for a registered organisation in one statement: no row back means no such organisation, and no gap
 * between the check and the write. The id is fresh and random, so CREATE (the id constraint guards it).
 */
export function createApiKey(row: NewApiKeyRow): NamedQuery {
  return named(
    "createApiKey",
    `MATCH (o:Organization {id: $row.organizationId})
     CREATE (k:ApiKey {id: $row.id, secretHash: $row.secretHash, organizationId: o.id, role: $row.role,
                       name: $row.name, createdAt: datetime($row.createdAt),
                       expiresAt: CASE WHEN $row.expiresAt IS NULL THEN null ELSE datetime($row.expiresAt) END,
                       createdBy: $row.createdBy})
     RETURN k { ${PUBLIC_FIELDS} } AS key`,
    { row },
  );
}

/** The key with its hash, for authentication only. */
export function apiKeyForAuthentication(id: string): NamedQuery {
  return named(
    "apiKeyForAuthentication",
    `MATCH (k:ApiKey {id: $id}) RETURN k { .secretHash, ${PUBLIC_FIELDS} } AS key`,
    { id },
  );
}

/**
 * Sets lastUsedAt unless it was set after `since`: the WHERE keeps concurrent requests of one key from moving it
 * back, and repeats within the interval from writing twice.
 */
export function touchApiKey(id: string, at: string, since: string): NamedQuery {
  return named(
    "touchApiKey",
    `MATCH (k:ApiKey {id: $id})
     WHERE k.lastUsedAt IS NULL OR k.lastUsedAt <= datetime($since)
     SET k.lastUsedAt = datetime($at)`,
    { id, at, since },
  );
}

/** Revokes a key; idempotent: a second call keeps the first revocation's time and actor. */
export function revokeApiKey(id: string, at: string, revokedBy: string | null): NamedQuery {
  return named(
    "revokeApiKey",
    `MATCH (k:ApiKey {id: $id})
     SET k.revokedBy = CASE WHEN k.revokedAt IS NULL THEN $revokedBy ELSE k.revokedBy END,
         k.revokedAt = coalesce(k.revokedAt, datetime($at))
     RETURN k { ${PUBLIC_FIELDS} } AS key`,
    { id, at, revokedBy },
  );
}

/** Keys of one organisation, or of all when `organizationId` is null; newest first. */
export function listApiKeys(organizationId: string | null): NamedQuery {
  return named(
    "listApiKeys",
    `MATCH (k:ApiKey) WHERE $organizationId IS NULL OR k.organizationId = $organizationId
     RETURN k { ${PUBLIC_FIELDS} } AS key
     ORDER BY k.createdAt DESC, k.id`,
    { organizationId },
  );
}
