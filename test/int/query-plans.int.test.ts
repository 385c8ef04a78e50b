import { describe, expect, it } from "vitest";
import { QUERY_CATALOG } from "../support/query-catalog.js";
import { describePlan, explain, operators } from "../support/query-plan.js";

/**
 * Every catalogued statement planned by the live database with its sample parameters (EXPLAIN: planned, never run).
 * Plans follow the database's statistics; the test database is small, which is the harsh case: a statement whose
 * good plan depends on having data (an index seek only winning once a label is big) shows its label scan here.
 */

/** Reads every node (or relationship) of the database: never acceptable for a statement of ours. */
const FULL_SCAN = /^(Partitioned)?(AllNodesScan|(Directed|Undirected)AllRelationshipsScan)$/;

/** Reads every node of a label (or relationship of a type): acceptable only where listed below, with the reason. */
const LABEL_SCAN =
  /^(Partitioned)?((Union|Intersection|Subtraction)?NodeByLabels?Scan|(Directed|Undirected)RelationshipTypeScan)$/;

/** Catalog entries allowed a label scan, each with why no index can serve it. */
const LABEL_SCANS_ALLOWED: Record<string, string> = {
  "analytics.flowMatrix (open window)": "counts every judged scan: with no window that is all of them",
  "organizations.any": "asks whether the label has any node at all: the scan stops at the first (LIMIT 1)",
  "analytics.windowTotals (open window)": "counts every judged scan: with no window that is all of them",
  "analytics.leakRanking (open window)": "ranks organisations over every judged scan: with no window, all of them",
  "apiKeys.list (all)": "the operator lists every key: that is all of the label",
};

describe("query plans on the live database (EXPLAIN)", () => {
  it.each([...QUERY_CATALOG])("%s never scans all nodes, nor a label unless allowed", async (key, q) => {
    const plan = await explain(q);
    const ops = operators(plan);
    const message = `${key}:\n${describePlan(plan).join("\n")}`;
    const fullScans = ops.filter((op) => FULL_SCAN.test(op));
    expect(fullScans, message).toEqual([]);
    const labelScans = key in LABEL_SCANS_ALLOWED ? [] : ops.filter((op) => LABEL_SCAN.test(op));
    expect(labelScans, message).toEqual([]);
  });

  it("allows label scans only to catalog entries", () => {
    expect(Object.keys(LABEL_SCANS_ALLOWED).filter((key) => !QUERY_CATALOG.has(key))).toEqual([]);
  });
});
