import { Neo4jError } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { retryPolicy } from "../../../src/graph/retry-policy.js";

const error = (code: string) => new Neo4jError("x", code, "50N42", "x");
const DEADLOCK = error("Neo.TransientError.Transaction.DeadlockDetected");
const UNAVAILABLE = error("ServiceUnavailable");

describe("retryPolicy", () => {
  const policy = retryPolicy({ maxRetryMs: 3_000, initialDelayMs: 100, staleConnectionMs: 250, random: () => 0.5 });

  it("retries a transient error with exponential backoff until the retry time is spent", () => {
    expect(policy.delayBefore(DEADLOCK, { attempt: 1, sinceFirstMs: 5, tookMs: 5 })).toBe(100);
    expect(policy.delayBefore(DEADLOCK, { attempt: 3, sinceFirstMs: 400, tookMs: 5 })).toBe(400);
    expect(policy.delayBefore(DEADLOCK, { attempt: 6, sinceFirstMs: 3_000, tookMs: 5 })).toBeNull();
  });

  it("tries an unreachable server once more, at once, only when the attempt failed fast (a stale connection)", () => {
    expect(policy.delayBefore(UNAVAILABLE, { attempt: 1, sinceFirstMs: 3, tookMs: 3 })).toBe(0);
    expect(policy.delayBefore(UNAVAILABLE, { attempt: 2, sinceFirstMs: 6, tookMs: 3 })).toBeNull();
    expect(policy.delayBefore(UNAVAILABLE, { attempt: 1, sinceFirstMs: 800, tookMs: 800 })).toBeNull();
  });

  it("never retries what is not a retryable driver error (a rule broken, a constraint, a syntax error)", () => {
    expect(policy.delayBefore(new Error("rule"), { attempt: 1, sinceFirstMs: 0, tookMs: 0 })).toBeNull();
    const constraint = error("Neo.ClientError.Schema.ConstraintValidationFailed");
    expect(policy.delayBefore(constraint, { attempt: 1, sinceFirstMs: 0, tookMs: 0 })).toBeNull();
  });
});
