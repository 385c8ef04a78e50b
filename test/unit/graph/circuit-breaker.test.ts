import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "../../../src/graph/circuit-breaker.js";
import { ServiceUnavailableError } from "../../../src/errors/app-errors.js";

function clockedBreaker(openMs = 1_000) {
  let now = 0;
  const breaker = new CircuitBreaker({ openMs, now: () => now });
  return { breaker, advance: (ms: number) => (now += ms) };
}

function refusal(breaker: CircuitBreaker): ServiceUnavailableError | null {
  try {
    breaker.admit();
    return null;
  } catch (error) {
    return error as ServiceUnavailableError;
  }
}

describe("CircuitBreaker", () => {
  it("lets every call through while Neo4j answers", () => {
    const { breaker } = clockedBreaker();
    breaker.admit().reachable();
    expect(refusal(breaker)).toBeNull();
    expect(breaker.open).toBe(false);
  });

  it("fails calls at once after one found Neo4j unreachable, saying when to retry", () => {
    const { breaker, advance } = clockedBreaker(2_500);
    breaker.admit().unreachable();
    const error = refusal(breaker);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryAfter: 3 });
    advance(2_000);
    expect(refusal(breaker)?.extensions.retryAfter).toBe(1);
  });

  it("lets a single call probe once the period is over; the others keep failing until it answers", () => {
    const { breaker, advance } = clockedBreaker();
    breaker.admit().unreachable();
    advance(1_000);
    const probe = breaker.admit();
    expect(refusal(breaker)).toBeInstanceOf(ServiceUnavailableError);
    probe.reachable();
    expect(breaker.open).toBe(false);
    expect(refusal(breaker)).toBeNull();
  });

  it("opens again for a full period when the probe finds Neo4j still unreachable", () => {
    const { breaker, advance } = clockedBreaker();
    breaker.admit().unreachable();
    advance(1_500);
    breaker.admit().unreachable();
    advance(900);
    expect(refusal(breaker)).toBeInstanceOf(ServiceUnavailableError);
    advance(100);
    expect(refusal(breaker)).toBeNull();
  });
});
