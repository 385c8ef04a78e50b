import neo4j from "neo4j-driver";
import type { AlertFilter } from "./alert.repository.js";
import { alertRow } from "./alert-cypher.js";
import { query, type Query } from "./query.js";

/** Cypher of the diversion alerts' reads (AlertRepository); judging scans is in diversion.queries.ts. */

/**
 * API-CONTRACT §6: an alert is visible to its responsible organisation and to the parties that originated its object
 * (whose "followed" mark the object carries), kept as the party's sightings of it (viewers.queries.ts).
 */
const ALERT_VISIBLE = "EXISTS { MATCH (:Organization)-[v:SEES_ALERT]->(a) WHERE v.party = $scope }";

const ALERT_ROW = alertRow("a");

/** A filter on the alert's time and id read from the sighting instead, which the party's index orders. */
function onSighting(filter: string): string {
  return filter.replaceAll("a.scannedAt", "v.at").replaceAll("a.id", "v.id");
}

/**
 * Alert-list filters: only the predicates asked for go into the statement (a `$x IS NULL OR ...` predicate can use
 * no index). Region coverage as in diversion.queries.ts: `xx0000` a province, `xxxx00` a prefecture.
 */
const ALERT_FILTERS = {
  states: 'coalesce(a.state, "OPEN") IN $states',
  rule: "a.rule = $rule",
  orgId: "a.responsibleOrgId = $orgId",
  objectKey: "a.objectKey = $objectKey",
  from: "a.scannedAt >= datetime($from)",
  to: "a.scannedAt < datetime($to)",
  region: `CASE WHEN $region ENDS WITH "0000" THEN left(a.scanRegion, 2) = left($region, 2)
           WHEN $region ENDS WITH "00" THEN left(a.scanRegion, 4) = left($region, 4)
           ELSE a.scanRegion = $region END`,
  after: "(a.scannedAt < datetime($afterAt) OR (a.scannedAt = datetime($afterAt) AND a.id > $afterId))",
} as const;

/**
 * One page of alerts, newest first, ties by id: the keyset the alert cursors encode (one more row than `first`
 * tells whether another page follows). Every alert has its scan's time; saying so lets the page read the scannedAt
 * index newest first and stop after `first + 1` alerts instead of sorting them all.
 */
export function listAlerts(
  filter: AlertFilter,
  first: number,
  after: { at: string; id: string } | null,
  scope?: string,
): Query {
  const params = {
    ...filterParams(filter),
    afterAt: after?.at ?? null,
    afterId: after?.id ?? null,
    fetch: neo4j.int(first + 1),
  };
  const given = (Object.keys(ALERT_FILTERS) as (keyof typeof ALERT_FILTERS)[]).filter((name) =>
    name === "after" ? after !== null : params[name] !== null,
  );
  const filters = given.map((name) => ALERT_FILTERS[name]);
  // A party walks its own sightings of alerts (the same order, on the sighting; the index's whole key in the
  // predicates and the order, so the seek gives the order): counts and cursors count only those.
  const text =
    scope === undefined
      ? `
MATCH (a:Alert)
WHERE ${["a.scannedAt IS NOT NULL", ...filters].join("\n  AND ")}
RETURN ${ALERT_ROW} AS alert
ORDER BY a.scannedAt DESC, a.id ASC
LIMIT $fetch`
      : `
MATCH (:Organization)-[v:SEES_ALERT]->(a:Alert)
USING INDEX v:SEES_ALERT(party)
WHERE ${["v.party = $scope", "v.at IS NOT NULL", "v.id IS NOT NULL", ...filters.map(onSighting)].join("\n  AND ")}
RETURN ${ALERT_ROW} AS alert
ORDER BY v.party DESC, v.at DESC, v.id ASC
LIMIT $fetch`;
  return query(scope === undefined ? "alerts.list" : "alerts.listScoped", text, {
    ...params,
    ...(scope === undefined ? {} : { scope }),
  });
}

/**
 * The alerts among `ids` that match `filter` (its `after` aside) and that the party `scope` may see (every one for
 * undefined): what a subscriber of raised alerts is sent (issue 18), in the order of `ids`.
 */
export function visibleAlertsByIds(ids: readonly string[], filter: AlertFilter, scope?: string): Query {
  const params = filterParams(filter);
  const filters = (Object.keys(params) as (keyof typeof params)[])
    .filter((name) => params[name] !== null)
    .map((name) => ALERT_FILTERS[name]);
  const text = `
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Alert {id: $ids[i]})
${filters.length > 0 || scope !== undefined ? `WHERE ${[...filters, ...(scope === undefined ? [] : [ALERT_VISIBLE])].join("\n  AND ")}` : ""}
RETURN ${ALERT_ROW} AS alert
ORDER BY i`;
  return query(scope === undefined ? "alerts.visibleByIds" : "alerts.visibleByIdsScoped", text, {
    ...params,
    ids: [...ids],
    ...(scope === undefined ? {} : { scope }),
  });
}

const ALERTS_BY_SCAN_IDS = `
UNWIND $ids AS id
MATCH (a:Alert {id: id})
RETURN ${ALERT_ROW} AS alert`;

/** An alert's id is its scan's id. */
export function alertsByScanIds(scanIds: readonly string[]): Query {
  return query("alerts.byScan", ALERTS_BY_SCAN_IDS, { ids: scanIds });
}

/** One step of an alert's life (acknowledge, resolve, dismiss), by a person: the actor, the note, the time. */
export interface AlertTransitionWrite {
  id: string;
  to: string;
  from: readonly string[];
  actor: string;
  actorOrganizationId: string | null;
  note: string;
}

/**
 * Moves alert `$id` to `$to` when its state is one of `$from`, recording the step; an alert the party may not see
 * gives no row (as an unknown id does). The alert's write lock is taken before its state is read, so two concurrent
 * steps cannot both start from the same state. `before` tells the caller whether the step was allowed.
 */
export function transitionAlert(step: AlertTransitionWrite, scope?: string): Query {
  const text = `
MATCH (a:Alert {id: $id})
${scope === undefined ? "" : `WHERE ${ALERT_VISIBLE}`}
SET a.lockedAt = datetime()
WITH a, coalesce(a.state, "OPEN") AS before
CALL (a, before) {
  WITH a WHERE before IN $from
  SET a.state = $to, a.stateChangedAt = datetime(), a.resolvedByJudgement = null
  CREATE (a)-[:HAS_TRANSITION]->(:AlertTransition {alertId: a.id, state: $to, at: datetime(), actor: $actor,
         actorOrganizationId: $actorOrganizationId, note: $note})
}
RETURN before, ${ALERT_ROW} AS alert`;
  const params = { ...step, from: [...step.from] };
  return query(
    scope === undefined ? "alerts.transition" : "alerts.transitionScoped",
    text,
    scope === undefined ? params : { ...params, scope },
  );
}

/** An alert filter's parameters, null where the filter is silent (every statement's WHERE tests `$x IS NULL OR ...`). */
function filterParams(filter: AlertFilter) {
  return {
    // Alerts written before their life was recorded have no state: they are open.
    states: filter.states ?? null,
    rule: filter.rule ?? null,
    orgId: filter.organizationId ?? null,
    objectKey: filter.objectKey ?? null,
    region: filter.region ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
}
