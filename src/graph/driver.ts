import neo4j, { type Driver } from "neo4j-driver";
import type { Config } from "../server/config.js";

/**
 * One driver per process. Short connection timeouts so a request fails fast with SERVICE_UNAVAILABLE while Neo4j is
 * down, instead of hanging for the driver's default minute; the driver reconnects by itself when it is back.
 */
export function createDriver(config: Config["neo4j"]): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 3_000,
    disableLosslessIntegers: false,
    userAgent: "tracegraph/0.1",
  });
}
