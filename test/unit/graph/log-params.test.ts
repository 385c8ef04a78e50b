import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { logParams } from "../../../src/graph/log-params.js";

describe("logParams", () => {
  it("keeps short values as they are", () => {
    expect(logParams({ id: "p1:L1", keys: ["a", "b"], n: 3, ok: true, none: null })).toEqual({
      id: "p1:L1",
      keys: ["a", "b"],
      n: 3,
      ok: true,
      none: null,
    });
  });

  it("summarises a 10,000-row UNWIND as its length and first rows", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ key: `k${i}` }));
    expect(logParams({ rows })).toEqual({
      rows: { length: 10_000, first: [{ key: "k0" }, { key: "k1" }, { key: "k2" }] },
    });
  });

  it("cuts a long string to its head and length", () => {
    const document = "x".repeat(5_000);
    expect(logParams({ document })).toEqual({ document: `${"x".repeat(80)}… (5000 chars)` });
  });

  it("shows Neo4j integers as numbers and walks nested maps", () => {
    expect(logParams({ fetch: neo4j.int(101), scan: { at: "2024-03-01", codes: [neo4j.int(1)] } })).toEqual({
      fetch: 101,
      scan: { at: "2024-03-01", codes: [1] },
    });
  });

  it("elides what is nested too deep", () => {
    expect(logParams({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: "…" } } } });
  });
});
