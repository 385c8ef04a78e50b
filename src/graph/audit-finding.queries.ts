import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * Cypher of internal-audit findings (内部审核, AuditFindingRepository). A finding is opened with the revision that
 * needs it (producer.queries.ts, OPEN_FINDING) and lives on: assigned to an owner, then closed once with a
 * conclusion, who closed it and when. Findings are never deleted.
 *
 * (:Revision)-[:OPENED_FINDING]->(:AuditFinding {id, text, owner, state, openedAt, openedBy, openedByOrganizationId,
 *   revisionId, batchId, productId, manufacturerId, closedAt, closedBy, closedByOrganizationId, conclusion})
 */

export interface FindingListFilter {
  state: string | null;
  manufacturerId: string | null;
  batchId: string | null;
  after: { at: string; id: string } | null;
  fetch: number;
}

/** Only the predicates asked for go into the statement, so each can use its index (migration 7). */
const FINDING_FILTERS = {
  scope: "f.manufacturerId = $scope",
  manufacturerId: "f.manufacturerId = $manufacturerId",
  batchId: "f.batchId = $batchId",
  state: "f.state = $state",
  after: "(f.openedAt < datetime($afterAt) OR (f.openedAt = datetime($afterAt) AND f.id > $afterId))",
} as const;

/**
 * One page of findings, newest first, ties by id. With a scope (a maker's own view: API-CONTRACT §6, quality and
 * audit are the maker's internal supervision) only the scope's findings, found by the manufacturer index; without one
 * the page reads the openedAt index newest first and stops after `fetch` findings.
 */
export function listFindings(filter: FindingListFilter, scope?: string): Query {
  const params = {
    scope: scope ?? null,
    manufacturerId: filter.manufacturerId,
    batchId: filter.batchId,
    state: filter.state,
    after: filter.after === null ? null : true,
  };
  const given = (Object.keys(FINDING_FILTERS) as (keyof typeof FINDING_FILTERS)[]).filter((k) => params[k] !== null);
  // A maker's view starts at its own findings whatever the statistics say (a fresh store's planner would rather walk
  // the openedAt index and filter).
  const hint = scope === undefined ? "" : "\nUSING INDEX f:AuditFinding(manufacturerId)";
  const text = `
MATCH (f:AuditFinding)${hint}
WHERE ${["f.openedAt IS NOT NULL", ...given.map((k) => FINDING_FILTERS[k])].join("\n  AND ")}
RETURN f {.*} AS finding
ORDER BY f.openedAt DESC, f.id ASC
LIMIT $fetch`;
  return query(scope === undefined ? "findings.list" : "findings.listScoped", text, {
    ...(scope === undefined ? {} : { scope }),
    manufacturerId: filter.manufacturerId,
    batchId: filter.batchId,
    state: filter.state,
    afterAt: filter.after?.at ?? null,
    afterId: filter.after?.id ?? null,
    fetch: neo4j.int(filter.fetch),
  });
}

const FINDING_BY_ID = `
MATCH (f:AuditFinding {id: $id})
RETURN f {.*} AS finding`;

export function findingById(id: string): Query {
  return query("findings.byId", FINDING_BY_ID, { id });
}

/**
 * Changes an OPEN finding under its write lock (taken before its state is read, so two closes cannot both succeed):
 * `$change` is set on it, and `$close` also closes it now. `before` is the state it had; a closed finding is left as
 * it was.
 */
const CHANGE_OPEN_FINDING = `
MATCH (f:AuditFinding {id: $id})
SET f.lockedAt = datetime()
WITH f, f.state AS before
CALL (f, before) {
  WITH f WHERE before = "OPEN"
  SET f += $change
  FOREACH (_ IN CASE WHEN $close THEN [1] ELSE [] END | SET f.state = "CLOSED", f.closedAt = datetime())
}
RETURN before, f {.*} AS finding`;

export function closeFinding(
  id: string,
  close: { conclusion: string; closedBy: string; closedByOrganizationId: string | null },
): Query {
  return query("findings.close", CHANGE_OPEN_FINDING, { id, change: { ...close }, close: true });
}

export function assignFinding(id: string, owner: string): Query {
  return query("findings.assign", CHANGE_OPEN_FINDING, { id, change: { owner }, close: false });
}
