import { Neo4jError } from "neo4j-driver";
import { isUnavailable } from "./neo4j-errors.js";

/** Where a failed attempt stands: its number (from 1), time since the first began, and how long it took. */
export interface AttemptInfo {
  attempt: number;
  sinceFirstMs: number;
  tookMs: number;
}

/** Whether to try a failed transaction again: the wait before the next attempt in ms, or null to give up. */
export interface RetryPolicy {
  delayBefore(error: unknown, info: AttemptInfo): number | null;
}

export interface RetryPolicyOptions {
  /** Transient errors (deadlocks, a leader switch) are retried until this much time has passed since the first. */
  maxRetryMs: number;
  initialDelayMs: number;
  /** An unreachable database is tried once more only when the attempt failed this quickly (a stale connection). */
  staleConnectionMs: number;
  random?: () => number;
}

const DEFAULTS: RetryPolicyOptions = { maxRetryMs: 3_000, initialDelayMs: 100, staleConnectionMs: 250 };

/**
 * The driver's managed transactions retry every retryable error for up to their retry time, an unreachable server
 * too: a call then took 3-7 s to fail while Neo4j was down, and calls piled up during a restart. Here a transient
 * error is retried with exponential backoff and jitter as the driver would, but an unreachable server only once, at
 * once, and only when the attempt failed fast: that is a pooled connection the server closed (after its restart),
 * not a server that is down. A connection that timed out is not tried twice.
 */
export function retryPolicy(options: Partial<RetryPolicyOptions> = {}): RetryPolicy {
  const { maxRetryMs, initialDelayMs, staleConnectionMs, random = Math.random } = { ...DEFAULTS, ...options };
  return {
    delayBefore(error, { attempt, sinceFirstMs, tookMs }) {
      if (!(error instanceof Neo4jError) || !Neo4jError.isRetryable(error)) return null;
      if (isUnavailable(error)) return attempt === 1 && tookMs < staleConnectionMs ? 0 : null;
      if (sinceFirstMs >= maxRetryMs) return null;
      const delay = initialDelayMs * 2 ** (attempt - 1);
      return Math.round(delay * (0.8 + 0.4 * random()));
    },
  };
}
