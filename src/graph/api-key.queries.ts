import { query, type Query } from "./query.js";

/** Cypher of the API key store (ApiKeyRepository). */

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
 * between the check and the write. The id is fresh and random, so CREATE (the api_key_id constraint guards it). An
 * organisation named by a further identifier (a GLN) gets the key under its own id, the one its writes carry.
 */
const CREATE_API_KEY = `
OPTIONAL MATCH (alias:OrgIdentifier {value: $row.organizationId})
MATCH (o:Organization {id: coalesce(alias.organizationId, $row.organizationId)})
CREATE (k:ApiKey {id: $row.id, secretHash: $row.secretHash, organizationId: o.id, role: $row.role, name: $row.name,
                  createdAt: datetime($row.createdAt),
                  expiresAt: CASE WHEN $row.expiresAt IS NULL THEN null ELSE datetime($row.expiresAt) END,
                  createdBy: $row.createdBy})
RETURN k { ${PUBLIC_FIELDS} } AS key`;

export function createApiKey(row: NewApiKeyRow): Query {
  return query("apiKeys.create", CREATE_API_KEY, { row });
}

const API_KEY_FOR_AUTHENTICATION = `
MATCH (k:ApiKey {id: $id})
RETURN k { .secretHash, ${PUBLIC_FIELDS} } AS key`;

/** The key with its hash, for authentication only. */
export function apiKeyForAuthentication(id: string): Query {
  return query("apiKeys.forAuthentication", API_KEY_FOR_AUTHENTICATION, { id });
}

/**
 * Sets lastUsedAt unless it was set after `since`: the WHERE keeps concurrent requests of one key from moving it
 * back, and repeats within the interval from writing twice.
 */
const TOUCH_API_KEY = `
MATCH (k:ApiKey {id: $id})
WHERE k.lastUsedAt IS NULL OR k.lastUsedAt <= datetime($since)
SET k.lastUsedAt = datetime($at)`;

export function touchApiKey(id: string, at: string, since: string): Query {
  return query("apiKeys.touch", TOUCH_API_KEY, { id, at, since });
}

/** Idempotent: a second revocation keeps the first one's time and actor. */
const REVOKE_API_KEY = `
MATCH (k:ApiKey {id: $id})
SET k.revokedBy = CASE WHEN k.revokedAt IS NULL THEN $revokedBy ELSE k.revokedBy END,
    k.revokedAt = coalesce(k.revokedAt, datetime($at))
RETURN k { ${PUBLIC_FIELDS} } AS key`;

export function revokeApiKey(id: string, at: string, revokedBy: string | null): Query {
  return query("apiKeys.revoke", REVOKE_API_KEY, { id, at, revokedBy });
}

/**
 * Keys of one organisation (a seek on api_key_organization), or every key when `organizationId` is null: two
 * statements, because a `$organizationId IS NULL OR ...` predicate could use no index. Newest first.
 */
export function listApiKeys(organizationId: string | null): Query {
  const match = organizationId === null ? "MATCH (k:ApiKey)" : "MATCH (k:ApiKey {organizationId: $organizationId})";
  const cypher = `${match}\nRETURN k { ${PUBLIC_FIELDS} } AS key\nORDER BY k.createdAt DESC, k.id`;
  return query("apiKeys.list", cypher, organizationId === null ? {} : { organizationId });
}
