import { ServiceUnavailableError } from "../errors/app-errors.js";

export interface CircuitBreakerOptions {
  /** How long after a connection failure every call fails at once, before one call may probe again. */
  openMs: number;
  now?: () => number;
}

/** What a call admitted by the breaker reports back: whether the database answered. */
export interface Admission {
  reachable(): void;
  unreachable(): void;
}

/**
 * A small circuit breaker in front of Neo4j. While the database is unreachable, a call would wait for a connection
 * attempt (and the requests behind it would pile up); instead, after one call found it unreachable, every call fails
 * at once with SERVICE_UNAVAILABLE (and when to retry) for `openMs`. Then a single call probes; the others keep
 * failing fast until it has answered. Any answer from the database, even an error, closes the breaker.
 */
export class CircuitBreaker {
  private openedAt: number | null = null;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** What a caller refused because of the breaker is told to wait. */
  get retryAfterSeconds(): number {
    return retryAfterSeconds(this.options.openMs);
  }

  /** True while calls are refused without trying (for readiness reports and tests). */
  get open(): boolean {
    return this.openedAt !== null;
  }

  /** Lets a call through, or throws ServiceUnavailableError with a Retry-After when the breaker is open. */
  admit(): Admission {
    if (this.openedAt !== null) {
      const waited = this.now() - this.openedAt;
      if (this.probing || waited < this.options.openMs) {
        throw new ServiceUnavailableError(undefined, retryAfterSeconds(this.options.openMs - waited));
      }
      this.probing = true;
    }
    return { reachable: () => this.close(), unreachable: () => this.trip() };
  }

  private close(): void {
    this.openedAt = null;
    this.probing = false;
  }

  private trip(): void {
    this.openedAt = this.now();
    this.probing = false;
  }
}

/** Whole seconds, at least 1: Retry-After has no finer unit, and 0 would invite an immediate retry storm. */
function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
