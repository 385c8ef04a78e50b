import type { NotifyOptions } from "../notify/notify-options.js";

import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
/**
 * Configuration from the environment, validated once at start. Every bad variable is reported by name, all at once,
 * so a misconfigured deployment fails with one readable message instead of a stack trace later.
 */
export interface Config {
  port: number;
  host: string;
  publicBaseUrl: string;
  neo4j: {
    /** Set when an external server is used; unset means the local launcher on 127.0.0.1:boltPort. */
    externalUri: string | undefined;
    uri: string;
    user: string;
    password: string;
    database: string | undefined;
    boltPort: number;
    queryTimeoutMs: number;
    /** NEO4J_CONNECT_TIMEOUT_MS: opening a connection; the longest the first call after an outage waits. */
    connectTimeoutMs: number;
    /** NEO4J_ACQUIRE_TIMEOUT_MS: waiting for a pooled connection when all are busy (then 503, "busy"). */
    acquireTimeoutMs: number;
    /** NEO4J_FAIL_FAST_MS: after Neo4j was found unreachable, calls fail at once this long before one probes. */
    failFastMs: number;
  };
  seedDemo: boolean;
  logLevel: string;
  /** Credentials accepted besides stored API keys; the shape src/access's createAuthenticator takes. */
  auth: AuthConfig;
  /** What the HTTP layer refuses before any work: request rates, body sizes, foreign origins. */
  http: HttpConfig;
  /** Background jobs (EPCIS captures, large code issuances): stored with their input, leased, resumed, expired. */
  jobs: JobsConfig;
  /** SHUTDOWN_GRACE_MS: on SIGTERM, how long running requests and jobs get before the process exits. */
  shutdownGraceMs: number;
  /** Notifications (issue 18): webhook destinations allowed, and how deliveries are retried. */
  notify: NotifyConfig;
  /** Consumer views and after-sales: the hashing secret and how many views of one address are counted. */
  consumer: ConsumerConfig;
  /**
   * REPORT_SIGNING_KEY: a PEM file of the Ed25519 private key regulator reports are signed with (issue 16 item 7).
   * Unset: a key made for this process only (its reports verify with the public key they carry, or that
   * `npm run cli -- report public-key` cannot show): for the demo and tests.
   */
  reportSigningKeyPath: string | undefined;
}

/**
 * Consumers are anonymous: a browser is known only by a keyed hash (of its cookie, or of its address and agent), a
 * warranty's phone number only by a keyed hash and its last four digits. The key is this secret.
 */
export interface ConsumerConfig {
  /**
   * PRIVACY_SECRET: the HMAC-SHA256 key of those hashes (32+ characters). Unset: a random key per process, so hashes
   * differ after a restart and between replicas (a warranty re-registered later then conflicts instead of matching).
   */
  privacySecret: string;
  /** True when PRIVACY_SECRET was not set (the server warns at start). */
  privacySecretGenerated: boolean;
  /** CONSUMER_VIEWS_PER_MINUTE: page views of one client address counted as consumer queries a minute; 0: none. */
  viewsPerAddressPerMinute: number;
}

export type NotifyConfig = NotifyOptions;

/**
 * Jobs are written to Neo4j with their input before they are acknowledged. Each server process runs a worker that
 * claims them with a lease (owner id and `leaseUntil`, renewed by a heartbeat), so a job whose process died is taken
 * over once its lease runs out, by another process or after a restart. Several processes on one database share them.
 */
export interface JobsConfig {
  /** JOB_QUEUE: the processes that share jobs; one deployment, one queue (default `default`). */
  queue: string;
  /** JOB_LEASE_MS: a claim lasts this long unless renewed; a dead worker's job is taken over after it. */
  leaseMs: number;
  /** JOB_POLL_MS: how often an idle worker looks for jobs (it also wakes at once for jobs of its own process). */
  pollMs: number;
  /** JOB_CONCURRENCY: jobs one process runs at once. */
  concurrency: number;
  /** JOB_RETENTION_HOURS: finished jobs and their inputs are deleted this long after they finished. */
  retentionMs: number;
  /** JOB_MAX_ATTEMPTS: attempts before a job that keeps failing is marked FAILED (Neo4j down, a crash in a step). */
  maxAttempts: number;
  /** ISSUE_INLINE_LIMIT: above this count, issueCodes answers at once and issues the codes as a job. */
  issueInlineLimit: number;
  /** ISSUE_CHUNK_SIZE: codes per transaction, the checkpoint of an issuance job. */
  issueChunkSize: number;
  /** ISSUE_PARALLEL: chunks of one issuance written at the same time, each in its own transaction. */
  issueParallel: number;
}

/**
 * Limits of the HTTP layer. Rates are token buckets: a client may burst up to one minute's allowance at once, then
 * gets its allowance back evenly over the minute. 0 turns a rate limit off (the benchmarks do).
 */
export interface HttpConfig {
  /** RATE_LIMIT_PER_MINUTE: requests per credential (every authenticated route, /graphql included). */
  rateLimitPerMinute: number;
  /** PUBLIC_RATE_LIMIT_PER_MINUTE: requests per client address on the public pages (`/t/…`, Digital Link, QR). */
  publicRateLimitPerMinute: number;
  /** CORS_ORIGINS: browser origins allowed to call the API from their pages; none by default. */
  corsOrigins: string[];
  /** GRAPHQL_BODY_LIMIT_MB: a /graphql request body; captureEpcis documents travel in it, hence generous. */
  graphqlBodyLimitBytes: number;
  /** CAPTURE_BODY_LIMIT_MB: an EPCIS document sent to `POST /epcis/capture`. */
  captureBodyLimitBytes: number;
  /**
   * TRUST_PROXY: which proxies may name the client address (X-Forwarded-For), as Express's `trust proxy` takes it:
   * a hop count or addresses/subnets. Unset: none, the peer address is the client (else anyone could pick the
   * address their public rate limit is counted under).
   */
  trustProxy: number | string[] | false;
}

export interface AuthConfig {
  /** ADMIN_API_KEY: an ADMIN credential of the platform operator, when set. */
  adminApiKey: string | undefined;
  /** Bearer JWTs of one identity provider, when JWT_ISSUER and the rest are set. */
  jwt: JwtConfig | undefined;
}

export interface JwtConfig {
  issuer: string;
  audience: string;
  /** Exactly one of these two. */
  jwksUrl: string | undefined;
  jwksFile: string | undefined;
  organizationClaim: string;
  roleClaim: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function urlVar(env: NodeJS.ProcessEnv, name: string, fallback: string, problems: string[]): string {
  const raw = env[name] ?? fallback;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    return raw.replace(/\/+$/, "");
  } catch {
    problems.push(`${name}="${raw}" must be an http(s) URL`);
    return fallback;
  }
}

/** Shorter than this, an operator key could be guessed; 32 characters of a random key carry 128 bits or more. */
const MIN_ADMIN_KEY_LENGTH = 32;

function adminApiKeyVar(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const key = env.ADMIN_API_KEY;
  if (key === undefined || key === "") return undefined;
  // The value is never echoed: a configuration error must not print a secret into a log.
  if (key.length < MIN_ADMIN_KEY_LENGTH || /\s/.test(key)) {
    problems.push(`ADMIN_API_KEY must be at least ${MIN_ADMIN_KEY_LENGTH} characters without spaces`);
    return undefined;
  }
  return key;
}

/** Shorter than this, a privacy secret could be guessed, and with it every hashed phone number. */
const MIN_PRIVACY_SECRET_LENGTH = 32;

function privacySecretVar(env: NodeJS.ProcessEnv, problems: string[]): { secret: string; generated: boolean } {
  const secret = env.PRIVACY_SECRET;
  if (secret === undefined || secret === "") return { secret: randomBytes(32).toString("base64url"), generated: true };
  // Never echoed, like ADMIN_API_KEY.
  if (secret.length < MIN_PRIVACY_SECRET_LENGTH) {
    problems.push(`PRIVACY_SECRET must be at least ${MIN_PRIVACY_SECRET_LENGTH} characters`);
  }
  return { secret, generated: false };
}

const JWT_VARS = ["JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL", "JWT_JWKS_FILE"] as const;

/** JWT verification when any JWT_ variable is set: then issuer, audience and one key source are all needed. */
function jwtVars(env: NodeJS.ProcessEnv, problems: string[]): JwtConfig | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  if (!JWT_VARS.some((name) => value(name))) return undefined;
  const issuer = value("JWT_ISSUER");
  const audience = value("JWT_AUDIENCE");
  const jwksUrl = value("JWT_JWKS_URL");
  const jwksFile = value("JWT_JWKS_FILE");
  const before = problems.length;
  if (!issuer) problems.push("JWT_ISSUER must be set when JWT verification is configured");
  if (!audience) problems.push("JWT_AUDIENCE must be set when JWT verification is configured");
  if (Boolean(jwksUrl) === Boolean(jwksFile)) problems.push("set exactly one of JWT_JWKS_URL and JWT_JWKS_FILE");
  if (jwksUrl && !isKeySetUrl(jwksUrl)) {
    problems.push(`JWT_JWKS_URL="${jwksUrl}" must be an https URL (http only on loopback)`);
  }
  if (problems.length > before || !issuer || !audience) return undefined;
  return {
    issuer,
    audience,
    jwksUrl,
    jwksFile,
    organizationClaim: value("JWT_ORG_CLAIM") ?? "org",
    roleClaim: value("JWT_ROLE_CLAIM") ?? "role",
  };
}

/** Keys fetched over plain HTTP could be swapped on the way, and with them every token accepted. */
function isKeySetUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    return url.protocol === "https:" || (url.protocol === "http:" && loopback);
  } catch {
    return false;
  }
}

const MB = 1024 * 1024;

/** Origins as browsers send them: scheme, host and port, nothing else (no path, no trailing slash, no `*`). */
function corsOriginsVar(env: NodeJS.ProcessEnv, problems: string[]): string[] {
  const raw = env.CORS_ORIGINS?.trim() ?? "";
  if (raw === "") return [];
  const origins: string[] = [];
  for (const entry of raw
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o !== "")) {
    let origin: string | null = null;
    try {
      const url = new URL(entry);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.origin === entry) origin = url.origin;
    } catch {
      origin = null;
    }
    if (origin === null) problems.push(`CORS_ORIGINS: "${entry}" is not an origin like https://app.example.com`);
    else origins.push(origin);
  }
  return origins;
}

const PROXY_TOKEN = /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)$/;

function trustProxyVar(env: NodeJS.ProcessEnv, problems: string[]): number | string[] | false {
  const raw = env.TRUST_PROXY?.trim() ?? "";
  if (raw === "" || raw === "0" || raw === "false") return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 10) return hops;
  }
  const tokens = raw.split(",").map((t) => t.trim());
  // `true` would trust any X-Forwarded-For, whoever sent it: refused, name the proxies instead.
  if (tokens.every((t) => PROXY_TOKEN.test(t))) return tokens;
  problems.push(
    `TRUST_PROXY="${raw}" must be a hop count (1-10) or proxy addresses/subnets (e.g. loopback,10.0.0.0/8)`,
  );
  return false;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const port = intVar(env, "PORT", 4000, 0, 65535, problems);
  const boltPort = intVar(env, "NEO4J_BOLT_PORT", 7687, 1, 65535, problems);
  const queryTimeoutMs = intVar(env, "QUERY_TIMEOUT_MS", 30_000, 100, 3_600_000, problems);
  const connectTimeoutMs = intVar(env, "NEO4J_CONNECT_TIMEOUT_MS", 800, 50, 60_000, problems);
  const acquireTimeoutMs = intVar(env, "NEO4J_ACQUIRE_TIMEOUT_MS", 2_000, 50, 120_000, problems);
  const failFastMs = intVar(env, "NEO4J_FAIL_FAST_MS", 1_000, 100, 60_000, problems);
  const externalUri = env.NEO4J_URI?.trim() || undefined;
  if (externalUri && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(externalUri)) {
    problems.push(`NEO4J_URI="${externalUri}" must start with neo4j://, neo4j+s://, bolt:// or bolt+s://`);
  }
  const seedRaw = env.SEED_DEMO ?? "1";
  if (!["0", "1", "true", "false"].includes(seedRaw)) problems.push(`SEED_DEMO="${seedRaw}" must be 0 or 1`);
  const logLevel = env.LOG_LEVEL ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" must be one of ${LOG_LEVELS.join(", ")}`);
  const publicBaseUrl = urlVar(env, "PUBLIC_BASE_URL", `http://localhost:${port}`, problems);
  const auth: AuthConfig = { adminApiKey: adminApiKeyVar(env, problems), jwt: jwtVars(env, problems) };
  const http: HttpConfig = {
    rateLimitPerMinute: intVar(env, "RATE_LIMIT_PER_MINUTE", 6000, 0, 10_000_000, problems),
    publicRateLimitPerMinute: intVar(env, "PUBLIC_RATE_LIMIT_PER_MINUTE", 1200, 0, 10_000_000, problems),
    corsOrigins: corsOriginsVar(env, problems),
    graphqlBodyLimitBytes: intVar(env, "GRAPHQL_BODY_LIMIT_MB", 20, 1, 1024, problems) * MB,
    captureBodyLimitBytes: intVar(env, "CAPTURE_BODY_LIMIT_MB", 20, 1, 1024, problems) * MB,
    trustProxy: trustProxyVar(env, problems),
  };
  const jobs: JobsConfig = {
    queue: queueVar(env, problems),
    leaseMs: intVar(env, "JOB_LEASE_MS", 30_000, 500, 3_600_000, problems),
    pollMs: intVar(env, "JOB_POLL_MS", 1_000, 50, 600_000, problems),
    concurrency: intVar(env, "JOB_CONCURRENCY", 2, 0, 64, problems),
    retentionMs: intVar(env, "JOB_RETENTION_HOURS", 168, 1, 24 * 3650, problems) * 3_600_000,
    maxAttempts: intVar(env, "JOB_MAX_ATTEMPTS", 5, 1, 1000, problems),
    issueInlineLimit: intVar(env, "ISSUE_INLINE_LIMIT", 20_000, 0, 1_000_000, problems),
    issueChunkSize: intVar(env, "ISSUE_CHUNK_SIZE", 10_000, 100, 100_000, problems),
    issueParallel: intVar(env, "ISSUE_PARALLEL", 2, 1, 16, problems),
  };
  const shutdownGraceMs = intVar(env, "SHUTDOWN_GRACE_MS", 25_000, 0, 3_600_000, problems);
  const notify = notifyVars(env, problems);
  const privacy = privacySecretVar(env, problems);
  const consumer: ConsumerConfig = {
    privacySecret: privacy.secret,
    privacySecretGenerated: privacy.generated,
    viewsPerAddressPerMinute: intVar(env, "CONSUMER_VIEWS_PER_MINUTE", 20, 0, 1_000_000, problems),
  };
  const reportSigningKeyPath = env.REPORT_SIGNING_KEY?.trim() || undefined;
  if (reportSigningKeyPath !== undefined && !existsSync(reportSigningKeyPath)) {
    problems.push(`REPORT_SIGNING_KEY="${reportSigningKeyPath}" is not a file`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    publicBaseUrl,
    neo4j: {
      externalUri,
      uri: externalUri ?? `bolt://127.0.0.1:${boltPort}`,
      user: env.NEO4J_USER ?? "neo4j",
      password: env.NEO4J_PASSWORD ?? "tracegraph-local",
      database: env.NEO4J_DATABASE || undefined,
      boltPort,
      queryTimeoutMs,
      connectTimeoutMs,
      acquireTimeoutMs,
      failFastMs,
    },
    seedDemo: seedRaw === "1" || seedRaw === "true",
    logLevel,
    auth,
    http,
    jobs,
    shutdownGraceMs,
    consumer,
    notify,
    reportSigningKeyPath,
  };
}

const HOST_ENTRY = /^(\*\.)?[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/;

function notifyVars(env: NodeJS.ProcessEnv, problems: string[]): NotifyConfig {
  const allowedHosts = (env.WEBHOOK_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
  for (const host of allowedHosts) {
    if (!HOST_ENTRY.test(host)) problems.push(`WEBHOOK_ALLOWED_HOSTS: "${host}" is not a host name or address`);
  }
  const leaseMs = intVar(env, "NOTIFY_LEASE_MS", 30_000, 500, 3_600_000, problems);
  const timeoutMs = intVar(env, "WEBHOOK_TIMEOUT_MS", 10_000, 100, 300_000, problems);
  // A post must end well within the lease, or a second process could claim the subscription while it runs.
  if (timeoutMs * 2 > leaseMs) problems.push(`WEBHOOK_TIMEOUT_MS must be at most half of NOTIFY_LEASE_MS`);
  return {
    allowedHosts: allowedHosts.map((h) => h.replace(/^\[|\]$/g, "")),
    timeoutMs,
    retryBaseMs: intVar(env, "NOTIFY_RETRY_BASE_MS", 1_000, 1, 3_600_000, problems),
    retryMaxMs: intVar(env, "NOTIFY_RETRY_MAX_MS", 600_000, 1, 86_400_000, problems),
    retryWindowMs: intVar(env, "NOTIFY_RETRY_WINDOW_MS", 86_400_000, 1, 30 * 86_400_000, problems),
    pollMs: intVar(env, "NOTIFY_POLL_MS", 200, 10, 600_000, problems),
    leaseMs,
    batchSize: intVar(env, "NOTIFY_BATCH_SIZE", 100, 1, 1000, problems),
    concurrency: intVar(env, "NOTIFY_CONCURRENCY", 64, 0, 512, problems),
  };
}

function queueVar(env: NodeJS.ProcessEnv, problems: string[]): string {
  const raw = env.JOB_QUEUE?.trim() || "default";
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(raw)) {
    problems.push(`JOB_QUEUE="${raw}" must be 1-100 letters, digits, '.', '_', ':' or '-'`);
    return "default";
  }
  return raw;
}
