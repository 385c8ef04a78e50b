/**
 * Diversion analytics over judged scans in a time window. Every judged scan carries the rule it broke (or null), its
 * responsible organisation and that organisation's authorised regions at judgement time, so each scan is counted
 * exactly once: the matrix and the ranking add up to the scan and alert counts of the window.
 */

const WINDOW = `
MATCH (s:Scan)
WHERE s.judgedAt IS NOT NULL
  AND ($from IS NULL OR s.at >= datetime($from))
  AND ($to IS NULL OR s.at < datetime($to))`;

/** Authorised regions of the responsible organisation (joined, sorted) → scan region: scans and alerts. */
export const FLOW_MATRIX_QUERY = `${WINDOW}
WITH s, CASE WHEN s.responsibleOrgId IS NULL THEN "" ELSE reduce(acc = "", r IN coalesce(s.authorizedRegions, []) |
       acc + CASE WHEN acc = "" THEN "" ELSE "," END + r) END AS authorized
RETURN authorized, s.regionCode AS scanRegion, count(*) AS scans, count(s.rule) AS alerts
ORDER BY alerts DESC, scans DESC, authorized, scanRegion`;

/** Per responsible organisation: scans of its goods, alerts among them, and the leak rate (alerts / scans). */
export const LEAK_RANKING_QUERY = `${WINDOW}
  AND s.responsibleOrgId IS NOT NULL
WITH s.responsibleOrgId AS orgId, count(*) AS scans, count(s.rule) AS alerts
RETURN orgId, scans, alerts, toFloat(alerts) / scans AS leakRate
ORDER BY leakRate DESC, alerts DESC, orgId
LIMIT $limit`;

/** Window totals, to show the matrix adds up. */
export const WINDOW_TOTALS_QUERY = `${WINDOW}
RETURN count(*) AS scans, count(s.rule) AS alerts`;
