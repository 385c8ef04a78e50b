import type { Plan } from "neo4j-driver";
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
  "research.scanStatistics (open window)": "counts every scan: with no window that is all of them",
};

/** A seek on an index (unique or not, node or relationship): reads the index entries for given values only. */
const INDEX_SEEK =
  /^(Partitioned)?(NodeUniqueIndexSeek|NodeIndexSeek|(Directed|Undirected)?RelationshipIndexSeek|(Directed|Undirected)?RelationshipUniqueIndexSeek|MultiNodeIndexSeek|AssertingMultiNodeIndexSeek|NodeIndexSeekByRange|NodeUniqueIndexSeekByRange)(\(Locking\))?$/;

/** Leaves that read nothing of the graph: rows handed in by an outer query, or no rows at all. */
const NOT_READING = new Set(["Argument", "EmptyRow", "Unwind"]);

/** The plan's leaves in execution order (left-most first): the first is where a statement starts reading. */
function leaves(plan: Plan): string[] {
  if (plan.children.length === 0) return [plan.operatorType.replace(/@.*$/, "")];
  return plan.children.flatMap(leaves);
}

/**
 * A party's pages walk its own sightings (viewers.queries.ts) in page order: the index gives the order, so a page
 * reads about `first` sightings whatever the party's total, and never sorts them all.
 */
const PARTY_PAGES = ["events.page (scoped)", "events.page (scoped, after)", "alerts.list (scoped)"];
const FULL_SORT = /^(Sort|Top)$/;

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

  // Issue 12: a party's read costs what the operator's read of the same visible subgraph costs, so a scoped statement
  // must start where the answer is (an index seek on the root it was asked about), never walk the store to filter it.
  const scoped = [...QUERY_CATALOG].filter(([, q]) => "scope" in q.params);
  it("lists scoped statements to check", () => {
    expect(scoped.length).toBeGreaterThan(10);
  });
  it.each(scoped)("%s starts with an index seek", async (key, q) => {
    const plan = await explain(q);
    const first = leaves(plan).find((op) => !NOT_READING.has(op));
    expect(first, `${key}:\n${describePlan(plan).join("\n")}`).toMatch(INDEX_SEEK);
  });

  it.each(PARTY_PAGES)("%s takes its order from the party's index", async (key) => {
    const q = QUERY_CATALOG.get(key);
    if (!q) throw new Error(`${key} is not in the catalog`);
    const plan = await explain(q);
    // A sort of the sightings themselves (by `v.`): the history sorted inside each alert's row is fine.
    const sortsOfSightings = describePlan(plan).filter(
      (line) => FULL_SORT.test(line.trim().split(" ")[0] ?? "") && line.includes("`v."),
    );
    expect(sortsOfSightings, describePlan(plan).join("\n")).toEqual([]);
  });

  it("allows label scans only to catalog entries", () => {
    expect(Object.keys(LABEL_SCANS_ALLOWED).filter((key) => !QUERY_CATALOG.has(key))).toEqual([]);
  });
});
