import type { ApiKeyRecord, ApiKeyRepository, StoredApiKey } from "../graph/api-key.repository.js";
import { BadUserInputError, NotFoundError, UnauthenticatedError } from "../errors/app-errors.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import { AccessRole, isAccessRole } from "./access-role.js";
import { apiKeyId, generateApiKey, hashApiKey, sameDigest } from "./api-key-format.js";
import type { Principal } from "./principal.js";

/** A stored key as services and answers see it: never its secret or hash. */
export interface ApiKey extends Omit<ApiKeyRecord, "role"> {
  role: AccessRole;
}

export interface CreateApiKeyRequest {
  /** Any accepted spelling of a registered organisation's id; stored as its canonical id. */
  organizationId: string;
  role: string;
  name?: string | null;
  expiresAt?: Date | null;
  /** Credential id of the creator, recorded as the actor. */
  createdBy?: string | null;
}

/** A key whose text is fixed in advance (demo data only): see ApiKeyService.ensureFixedKey. */
export interface FixedApiKeyRequest {
  key: string;
  organizationId: string;
  role: string;
  name?: string | null;
  createdBy?: string | null;
}

/** The one answer that contains the key: the caller shows it once and it is never retrievable again. */
export interface CreatedApiKey {
  id: string;
  key: string;
  apiKey: ApiKey;
}

export interface ApiKeyServiceOptions {
  /** The clock; tests move it. */
  now?: () => Date;
  /** lastUsedAt is written at most once per this interval per key, so a busy key does not write on every request. */
  touchIntervalMs?: number;
}

const MAX_NAME_LENGTH = 200;
/** Compared against when no key was found, so an unknown id costs the same hashing and comparing as a known one. */
const NO_KEY_HASH = hashApiKey("tgk_no-such-key");

/** API keys (API-CONTRACT §6): created for a registered organisation and a role, shown once, revocable, expiring. */
export class ApiKeyService {
  private readonly now: () => Date;
  private readonly touchIntervalMs: number;

  constructor(
    private readonly repository: ApiKeyRepository,
    options: ApiKeyServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.touchIntervalMs = options.touchIntervalMs ?? 60_000;
  }

  async create(request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const organizationId = canonicalOrganizationId(request.organizationId, "organizationId");
    const role = checkRole(request.role);
    const now = this.now();
    const expiresAt = checkExpiry(request.expiresAt ?? null, now);
    const generated = generateApiKey();
    const record = await this.repository.create({
      id: generated.id,
      secretHash: generated.secretHash,
      organizationId,
      role,
      name: checkName(request.name ?? null),
      createdAt: now.toISOString(),
      expiresAt: expiresAt?.toISOString() ?? null,
      createdBy: request.createdBy ?? null,
    });
    if (!record) {
      throw new NotFoundError(`No organisation "${organizationId}" is registered.`, {
        field: "organizationId",
        value: request.organizationId,
      });
    }
    return { id: generated.id, key: generated.key, apiKey: toApiKey(record) };
  }

  /**
   * Stores a key whose whole text is fixed in advance (the demo's published keys, seeds/demo-keys.ts), unless a key
   * with its id exists already; the stored or existing key. Never for real credentials: a key anyone can read in
   * the source is no secret. NOT_FOUND when the organisation is not registered.
   */
  async ensureFixedKey(request: FixedApiKeyRequest): Promise<ApiKey> {
    const id = apiKeyId(request.key);
    if (id === null) throw new BadUserInputError("not an API key of the form tgk_<id>_<secret>", { field: "key" });
    const existing = await this.repository.findForAuthentication(id);
    if (existing) return toApiKey(withoutHash(existing));
    const organizationId = canonicalOrganizationId(request.organizationId, "organizationId");
    const row = {
      id,
      secretHash: hashApiKey(request.key),
      organizationId,
      role: checkRole(request.role),
      name: checkName(request.name ?? null),
      createdAt: this.now().toISOString(),
      expiresAt: null,
      createdBy: request.createdBy ?? null,
    };
    let record: ApiKeyRecord | null;
    try {
      record = await this.repository.create(row);
    } catch (error) {
      // Two processes seeding at once: the other one's key is ours too (the id is unique in the graph).
      const raced = await this.repository.findForAuthentication(id);
      if (raced) return toApiKey(withoutHash(raced));
      throw error;
    }
    if (!record)
      throw new NotFoundError(`No organisation "${organizationId}" is registered.`, { field: "organizationId" });
    return toApiKey(record);
  }

  /**
   * The stored key of `key` when it would authenticate now (known, matching, not revoked, not expired), else null.
   * Unlike authenticate it records no use: for showing which published keys still work.
   */
  async usable(key: string): Promise<ApiKey | null> {
    const id = apiKeyId(key);
    const stored = id === null ? null : await this.repository.findForAuthentication(id);
    if (!stored || !sameDigest(hashApiKey(key), stored.secretHash) || !isUsable(stored, this.now())) return null;
    return isAccessRole(stored.role) ? toApiKey(withoutHash(stored)) : null;
  }

  /** Revokes a key at once; revoking it again changes nothing. NOT_FOUND for an unknown id. */
  async revoke(id: string, revokedBy: string | null = null): Promise<ApiKey> {
    const record = await this.repository.revoke(id.trim(), this.now(), revokedBy);
    if (!record) throw new NotFoundError(`No API key "${id}".`, { field: "id", value: id });
    return toApiKey(record);
  }

  /** Keys of one organisation (any accepted spelling of its id), or every key; newest first, without secrets. */
  async list(organizationId: string | null = null): Promise<ApiKey[]> {
    const canonical = organizationId === null ? null : canonicalOrganizationId(organizationId, "organizationId");
    return (await this.repository.list(canonical)).map(toApiKey);
  }

  /**
   * The principal of an API key. A malformed, unknown, revoked or expired key is UNAUTHENTICATED with one message
   * for all, so the answer says nothing about which keys exist.
   */
  async authenticate(key: string): Promise<Principal> {
    // Hashing first: a malformed or unknown key takes the same work as a known one.
    const presented = hashApiKey(key);
    const id = apiKeyId(key);
    const stored = id === null ? null : await this.repository.findForAuthentication(id);
    const matches = sameDigest(presented, stored?.secretHash ?? NO_KEY_HASH);
    const now = this.now();
    if (!stored || !matches || !isUsable(stored, now) || !isAccessRole(stored.role)) throw new UnauthenticatedError();
    await this.touchIfStale(stored, now);
    return { credentialId: stored.id, organizationId: stored.organizationId, role: stored.role, kind: "API_KEY" };
  }

  private async touchIfStale(key: ApiKeyRecord, now: Date): Promise<void> {
    const since = new Date(now.getTime() - this.touchIntervalMs);
    if (key.lastUsedAt !== null && Date.parse(key.lastUsedAt) > since.getTime()) return;
    await this.repository.touch(key.id, now, since);
  }
}

function isUsable(key: ApiKeyRecord, now: Date): boolean {
  if (key.revokedAt !== null) return false;
  return key.expiresAt === null || Date.parse(key.expiresAt) > now.getTime();
}

/** A stored key as answers may show it: the hash dropped, not merely hidden. */
function withoutHash(stored: StoredApiKey): ApiKeyRecord {
  const { secretHash: _hash, ...record } = stored;
  return record;
}

function toApiKey(record: ApiKeyRecord): ApiKey {
  // Only checked roles are ever written; another value means the node was edited by hand.
  if (!isAccessRole(record.role)) throw new Error(`API key ${record.id} has an unknown role "${record.role}"`);
  return { ...record, role: record.role };
}

function checkRole(role: string): AccessRole {
  if (isAccessRole(role)) return role;
  throw new BadUserInputError(`role must be one of ${Object.values(AccessRole).join(", ")}`, {
    field: "role",
    value: role,
  });
}

function checkName(name: string | null): string | null {
  const trimmed = name?.trim() ?? "";
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new BadUserInputError(`name is longer than ${MAX_NAME_LENGTH} characters`, { field: "name", rule: "length" });
  }
  return trimmed === "" ? null : trimmed;
}

function checkExpiry(expiresAt: Date | null, now: Date): Date | null {
  if (expiresAt === null) return null;
  if (Number.isNaN(expiresAt.getTime())) {
    throw new BadUserInputError("expiresAt is not a valid instant", { field: "expiresAt" });
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new BadUserInputError("expiresAt must be in the future", { field: "expiresAt", rule: "future" });
  }
  return expiresAt;
}
