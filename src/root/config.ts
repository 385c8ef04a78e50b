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
  };
}
