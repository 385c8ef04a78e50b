import type { Executor, Row } from "./executor.js";
import * as Q from "./api-key.queries.js";
import type { NewApiKeyRow } from "./api-key.queries.js";

/** A stored API key as answers show it: never its secret or hash. Instants are ISO strings. */
export interface ApiKeyRecord {
  id: string;
  name: string | null;
  organizationId: string;
  role: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** Credential id of whoever created or revoked the key (the actor of that write). */
  createdBy: string | null;
  revokedBy: string | null;
}

/** A key with the hash it is checked against; only authentication reads this. */
export interface StoredApiKey extends ApiKeyRecord {
  secretHash: string;
}

/** ApiKey nodes: created for a registered organisation, looked up by id, revoked, touched when used. */
export class ApiKeyRepository {
  constructor(private readonly executor: Executor) {}

  /** The created key, or null when no organisation has `row.organizationId`. */
  async create(row: NewApiKeyRow): Promise<ApiKeyRecord | null> {
    const rows = await this.executor.write(Q.createApiKey(row));
    return rows[0] ? toApiKey(rows[0].key as Row) : null;
  }

  async findForAuthentication(id: string): Promise<StoredApiKey | null> {
    const rows = await this.executor.read(Q.apiKeyForAuthentication(id));
    const key = rows[0]?.key as Row | undefined;
    return key ? { ...toApiKey(key), secretHash: key.secretHash as string } : null;
  }

  /** Records a use at `at` unless one was recorded after `since`. */
  async touch(id: string, at: Date, since: Date): Promise<void> {
    await this.executor.write(Q.touchApiKey(id, at.toISOString(), since.toISOString()));
  }

  /** The revoked key (revoked before or now), or null when there is no such key. */
  async revoke(id: string, at: Date, revokedBy: string | null): Promise<ApiKeyRecord | null> {
    const rows = await this.executor.write(Q.revokeApiKey(id, at.toISOString(), revokedBy));
    return rows[0] ? toApiKey(rows[0].key as Row) : null;
  }

  async list(organizationId: string | null): Promise<ApiKeyRecord[]> {
    const rows = await this.executor.read(Q.listApiKeys(organizationId));
    return rows.map((row) => toApiKey(row.key as Row));
  }
}

function toApiKey(row: Row): ApiKeyRecord {
  return {
    id: row.id as string,
    name: (row.name as string | null) ?? null,
    organizationId: row.organizationId as string,
    role: row.role as string,
    createdAt: row.createdAt as string,
    expiresAt: (row.expiresAt as string | null) ?? null,
    revokedAt: (row.revokedAt as string | null) ?? null,
    lastUsedAt: (row.lastUsedAt as string | null) ?? null,
    createdBy: (row.createdBy as string | null) ?? null,
    revokedBy: (row.revokedBy as string | null) ?? null,
  };
}
