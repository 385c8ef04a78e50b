import neo4j, { type Driver } from "neo4j-driver";

/** Where and how to reach Neo4j (the composition root passes its validated config). */
export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  /** NEO4J_CONNECT_TIMEOUT_MS: the longest a new connection may take to open. */
  connectTimeoutMs: number;
  /** NEO4J_ACQUIRE_TIMEOUT_MS: the longest a call waits for a pooled connection (opening one included). */
  acquireTimeoutMs: number;
}

/**
 * One driver per process. Short connection timeouts so a request fails fast with SERVICE_UNAVAILABLE while Neo4j is
 * down (the Executor's circuit breaker fails the requests behind it at once), instead of hanging for the driver's
 * default minute; the driver reconnects by itself when it is back.
 */
export function createDriver(config: Neo4jConnection): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    connectionTimeout: config.connectTimeoutMs,
    connectionAcquisitionTimeout: Math.max(config.acquireTimeoutMs, config.connectTimeoutMs),
    maxTransactionRetryTime: 3_000,
    disableLosslessIntegers: false,
    userAgent: "tracegraph/0.1",
  });
}
