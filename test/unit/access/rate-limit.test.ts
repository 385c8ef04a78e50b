import { describe, expect, it } from "vitest";
import { addressKey, TokenBuckets } from "../../../src/server/rate-limit.js";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("TokenBuckets", () => {
  it("allows a burst of one minute's allowance, then refuses with the seconds until the next token", () => {
    const time = clock();
    const buckets = new TokenBuckets(60, { now: time.now });
    for (let i = 0; i < 60; i++) expect(buckets.take("k").allowed).toBe(true);
    expect(buckets.take("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    time.advance(1_000);
    expect(buckets.take("k").allowed).toBe(true);
    expect(buckets.take("k").allowed).toBe(false);
  });

  it("earns the allowance back evenly and never beyond one minute's", () => {
    const time = clock();
    const buckets = new TokenBuckets(6, { now: time.now });
    for (let i = 0; i < 6; i++) buckets.take("k");
    expect(buckets.take("k")).toEqual({ allowed: false, retryAfterSeconds: 10 });
    time.advance(3_600_000);
    for (let i = 0; i < 6; i++) expect(buckets.take("k").allowed).toBe(true);
    expect(buckets.take("k").allowed).toBe(false);
  });

  it("keeps keys apart", () => {
    const buckets = new TokenBuckets(1, { now: clock().now });
    expect(buckets.take("a").allowed).toBe(true);
    expect(buckets.take("a").allowed).toBe(false);
    expect(buckets.take("b").allowed).toBe(true);
  });

  it("forgets full buckets first, then the least recently used, when there are too many", () => {
    const time = clock();
    const buckets = new TokenBuckets(2, { now: time.now, maxBuckets: 3 });
    buckets.take("busy");
    buckets.take("busy");
    for (const key of ["a", "b", "c"]) buckets.take(key);
    time.advance(60_000);
    buckets.take("d");
    expect(buckets.size).toBeLessThanOrEqual(3);
    // "busy" had earned its tokens back by then, so forgetting it lost nothing: it gets a full allowance.
    expect(buckets.take("busy").allowed).toBe(true);
  });
});

describe("addressKey", () => {
  it("counts IPv4 clients by address, IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts IPv6 clients by their /64, however the address is written", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
});
