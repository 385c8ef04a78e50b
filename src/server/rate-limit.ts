import type { Request, RequestHandler, Response } from "express";
import { ErrorCode } from "../errors/error-code.js";
import { sendProblemFor } from "./routes/http-problem.js";

/** What a bucket answers: go ahead, or wait this many whole seconds (at least 1) for the next request. */
export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface TokenBucketOptions {
  /** The clock in milliseconds; tests move it. */
  now?: () => number;
  /**
   * Buckets kept at most; when there are more (many client addresses), the full ones, which remember nothing a
   * fresh bucket would not, are dropped first, then the oldest.
   */
  maxBuckets?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * In-process token buckets, one per key (a credential, a client address): a key may burst up to `perMinute`
 * requests, and earns them back evenly over a minute. In-process on purpose: one service process needs no shared
 * store, and behind several replicas each allows its share (the limit is per process, the README says so).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxBuckets: number;
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    options: TokenBucketOptions = {},
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error("perMinute must be a whole number ≥ 1");
    this.now = options.now ?? Date.now;
    this.maxBuckets = options.maxBuckets ?? 100_000;
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token of `key`'s bucket when there is one. */
  take(key: string): Admission {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? this.fresh(now);
    const tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    // Re-inserted so the Map's order is least recently used first, for pruning.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    if (this.buckets.size > this.maxBuckets) this.prune(now);
    return { allowed: true };
  }

  get size(): number {
    return this.buckets.size;
  }

  private fresh(now: number): Bucket {
    return { tokens: this.perMinute, updatedAt: now };
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxBuckets) break;
      this.buckets.delete(key);
    }
  }
}

export interface RateLimitOptions {
  /** Requests per minute per key; 0: no limit (the middleware passes everything). */
  perMinute: number;
  /** The key a request counts under; null: not counted (nothing to count it by). */
  keyOf: (req: Request, res: Response) => string | null;
  /** Says who was limited, in the message: "credential" or "address". */
  subject: string;
  now?: () => number;
}

/**
 * Refuses a request over its key's allowance with 429, `Retry-After` and `extensions.code: RATE_LIMITED` (as a
 * GraphQL error under /graphql, a REST problem elsewhere), before the route does any work.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  if (options.perMinute <= 0) return (_req, _res, next) => next();
  const buckets = new TokenBuckets(options.perMinute, { now: options.now });
  return (req, res, next) => {
    const key = options.keyOf(req, res);
    const admission = key === null ? ({ allowed: true } as const) : buckets.take(key);
    if (admission.allowed) {
      next();
      return;
    }
    res.set("Retry-After", String(admission.retryAfterSeconds));
    sendProblemFor(req, res, {
      status: 429,
      code: ErrorCode.RATE_LIMITED,
      message: `Too many requests for this ${options.subject} (${options.perMinute} a minute); retry after ${admission.retryAfterSeconds} s.`,
    });
  };
}

/** Counts a request under its authenticated credential (behind authenticate()). */
export function byCredential(_req: Request, res: Response): string | null {
  return res.locals.principal?.credentialId ?? null;
}

/**
 * Counts a request under the client's address (as `trust proxy` lets Express see it); an IPv6 client under its /64,
 * which one subscriber usually holds whole, so it cannot get a fresh allowance from every address it owns.
 */
export function byAddress(req: Request): string | null {
  const address = req.ip ?? req.socket.remoteAddress ?? null;
  return address === null ? null : addressKey(address);
}

export function addressKey(address: string): string {
  if (!address.includes(":") || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return address.replace(/^::ffff:/i, "");
  const [head = "", tail = ""] = (address.split("%")[0] ?? "").split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const groups = address.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
