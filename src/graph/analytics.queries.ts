import neo4j from "neo4j-driver";
import type { TimeWindow } from "./analytics.repository.js";
import { query, type Query } from "./query.js";

/**
 * Diversion analytics over judged scans in a time window. Every judged scan carries the rule it broke (or null), its
 * responsible organisation and that organisation's authorised regions at judgement time, so each scan is counted
 * exactly once: the matrix and the ranking add up to the scan and alert counts of the window.
 */

/**
 * The judged scans of the window. Only the bounds given go into the statement, so a bounded window is a range seek
 * on the scan_at index (migration 4); a `$from IS NULL OR ...` predicate could use no index. An open window reads
 * every judged scan: that is the question asked.
 */
function windowMatch(window: TimeWindow): string {
  // `!= null`: a bound that is absent, null or undefined, is what `$from IS NULL` used to mean.
  const where = [
    "s.judgedAt IS NOT NULL",
    ...(window.from != null ? ["s.at >= datetime($from)"] : []),
    ...(window.to != null ? ["s.at < datetime($to)"] : []),
    // A party counts the scans it would see the alerts of (API-CONTRACT §6): of goods it is responsible for, or
    // of goods that follow what it made.
    ...(window.scope != null
      ? [
          "(s.responsibleOrgId = $scope OR EXISTS { MATCH (o:Obj {key: s.objectKey}) WHERE $scope IN coalesce(o.fol, []) })",
        ]
      : []),
  ];
  return `
MATCH (s:Scan)
WHERE ${where.join("\n  AND ")}`;
}

/** Authorised regions of the responsible organisation (joined, sorted) → scan region: scans and alerts. */
const FLOW_MATRIX = `
WITH s, CASE WHEN s.responsibleOrgId IS NULL THEN "" ELSE reduce(acc = "", r IN coalesce(s.authorizedRegions, []) |
       acc + CASE WHEN acc = "" THEN "" ELSE "," END + r) END AS authorized
RETURN authorized, s.regionCode AS scanRegion, count(*) AS scans, count(s.rule) AS alerts
ORDER BY alerts DESC, scans DESC, authorized, scanRegion`;

export function flowMatrix(window: TimeWindow): Query {
  return query("analytics.flowMatrix", windowMatch(window) + FLOW_MATRIX, {
    from: window.from,
    to: window.to,
    ...scopeParam(window),
  });
}

/** Per responsible organisation: scans of its goods, alerts among them, and the leak rate (alerts / scans). */
const LEAK_RANKING = `
  AND s.responsibleOrgId IS NOT NULL
WITH s.responsibleOrgId AS orgId, count(*) AS scans, count(s.rule) AS alerts
RETURN orgId, scans, alerts, toFloat(alerts) / scans AS leakRate
ORDER BY leakRate DESC, alerts DESC, orgId
LIMIT $limit`;

export function leakRanking(window: TimeWindow, limit: number): Query {
  const params = { from: window.from, to: window.to, limit: neo4j.int(limit), ...scopeParam(window) };
  return query("analytics.leakRanking", windowMatch(window) + LEAK_RANKING, params);
}

/** Window totals, to show the matrix adds up. */
const WINDOW_TOTALS = `
RETURN count(*) AS scans, count(s.rule) AS alerts`;

export function windowTotals(window: TimeWindow): Query {
  return query("analytics.windowTotals", windowMatch(window) + WINDOW_TOTALS, {
    from: window.from,
    to: window.to,
    ...scopeParam(window),
  });
}

/** Allowlist: goods of `from` may be sold in `to`'s authorised regions without an alert (or no longer may). */
const ALLOW_TRANSFER = `
MATCH (a:Organization {id: $from}), (b:Organization {id: $to})
MERGE (a)-[p:MAY_TRANSFER_TO]->(b) ON CREATE SET p.since = datetime()
RETURN true AS ok`;

const REVOKE_TRANSFER = `
MATCH (a:Organization {id: $from}), (b:Organization {id: $to})
OPTIONAL MATCH (a)-[p:MAY_TRANSFER_TO]->(b) DELETE p
RETURN true AS ok`;

/** One row when both organisations exist, none otherwise. */
export function transferPermit(fromOrgId: string, toOrgId: string, allowed: boolean): Query {
  return query("analytics.transferPermit", allowed ? ALLOW_TRANSFER : REVOKE_TRANSFER, {
    from: fromOrgId,
    to: toOrgId,
  });
}

function scopeParam(window: TimeWindow): { scope?: string } {
  return window.scope != null ? { scope: window.scope } : {};
}
