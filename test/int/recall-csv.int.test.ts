import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/server/app.js";
import { startTestApp } from "../support/test-app.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";
import { PlanBuilder } from "../support/plan-builder.js";
import { authFetch } from "../support/test-credentials.js";

describe("GET /recalls/{code}.csv", () => {
  const b = new PlanBuilder(uniqueSuffix());
  const lot = b.lot();
  const items = Array.from({ length: 1_205 }, () => b.item());
  /** Made from the lot with other material, mixed (a quantity-level transformation): POSSIBLE, not CERTAIN. */
  const blend = b.lot();
  let app: App;
  let base: string;

  beforeAll(async () => {
    const services = await testServices();
    for (const item of items) b.edge("IN_LOT", lot, item);
    b.edge("TRANSFORMED_INTO", lot, blend, "2026-01-02T00:00:00Z", true);
    await services.flowWriter.write(b.plan);
    ({ app, base } = await startTestApp());
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  it("streams every affected object across pages, with a BOM for spreadsheets", async () => {
    const res = await authFetch(`${base}/recalls/${encodeURIComponent(lot)}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("key,kind,tier");
    const rows = lines.slice(1).map((line) => line.split(","));
    const keys = rows.map((row) => row[0]);
    expect(new Set(keys)).toEqual(new Set([lot, blend, ...items]));
    expect(keys).toHaveLength(items.length + 2);
    // In key order, each object once, graded: everything reached over instance-level edges is CERTAIN.
    expect(keys).toEqual([...keys].sort());
    const tiers = new Map(rows.map((row) => [row[0], row[2]]));
    expect(tiers.get(blend)).toBe("POSSIBLE");
    expect(new Set([lot, ...items].map((key) => tiers.get(key)))).toEqual(new Set(["CERTAIN"]));
  });

  it("answers 400 for a malformed code", async () => {
    const res = await authFetch(`${base}/recalls/${encodeURIComponent("urn:epc:id:sgtin:123")}.csv`);
    expect(res.status).toBe(400);
  });
});
