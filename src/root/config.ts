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
  };
  seedDemo: boolean;
  logLevel: string;
  /** Credentials accepted besides stored API keys; the shape src/access's createAuthenticator takes. */
  auth: AuthConfig;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const port = intVar(env, "PORT", 4000, 0, 65535, problems);
  const boltPort = intVar(env, "NEO4J_BOLT_PORT", 7687, 1, 65535, problems);
  const queryTimeoutMs = intVar(env, "QUERY_TIMEOUT_MS", 30_000, 100, 3_600_000, problems);
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
    },
    seedDemo: seedRaw === "1" || seedRaw === "true",
    logLevel,
    auth,
  };
}
