import { query, type Query } from "./query.js";
import { SEE_ALERT } from "./viewers.queries.js";

/**
 * The diversion (防窜) rule of API-CONTRACT.md §3 as Cypher, judged for a set of stored scans.
 *
 * For a scan of object O in region g at time t, the responsible organisation is the destination of the latest
 * shipment at or before t of O or of any object O reaches over containment edges; ties on time go to the nearest
 * container. REGION_MISMATCH when no authorised region of that organisation covers g, NOT_SHIPPED when there is no
 * such shipment at all. One alert per scan (= per event and object), never deleted: a scan that no longer breaks a
 * rule has its open or acknowledged alert resolved (a history entry names who and why), and an alert resolved by an
 * earlier re-judgement opens again when the scan breaks a rule again. The same statement serves first judgement and
 * re-judgement.
 *
 * Region coverage (GB/T 2260): `xx0000` covers its province, `xxxx00` its prefecture, anything else only itself.
 */
/** Cypher predicate: authorised region `r` covers region `g` (both are Cypher expressions from this file only). */
function covers(r: string, g: string): string {
  return `CASE WHEN ${r} ENDS WITH "0000" THEN left(${g}, 2) = left(${r}, 2)
               WHEN ${r} ENDS WITH "00" THEN left(${g}, 4) = left(${r}, 4)
               ELSE ${g} = ${r} END`;
}

/**
 * The rule of one stored scan: `s` (a Scan with a region) and `o` (its object) are bound before these clauses; after
 * them `org`, `sh`, `evidence`, `regions` and `rule` (null when the scan is in order) are bound and the scan carries
 * its judgement.
 */
const RULE_OF_SCAN = `
OPTIONAL CALL (s, o) {
  MATCH p = (o)-[:CONTAINED_IN*0..32]->(:Obj)-[sh:SHIPPED_TO]->(org:Organization)
  WHERE sh.at <= s.at
  RETURN p, sh, org
  ORDER BY sh.at DESC, length(p) ASC, sh.eventId ASC
  LIMIT 1
}
WITH s, o, org, sh,
     CASE WHEN p IS NULL THEN [] ELSE [n IN nodes(p) | coalesce(n.key, n.id)] END AS evidence,
     coalesce(org.authorizedRegions, []) AS regions
WITH s, o, org, sh, evidence, regions,
     CASE
       WHEN org IS NULL THEN "NOT_SHIPPED"
       WHEN NONE(r IN regions WHERE ${covers("r", "s.regionCode")})
         AND NOT EXISTS {
           MATCH (org)-[:MAY_TRANSFER_TO]->(b:Organization)
           WHERE ANY(r IN coalesce(b.authorizedRegions, []) WHERE ${covers("r", "s.regionCode")})
         }
         THEN "REGION_MISMATCH"
       ELSE null
     END AS rule
SET s.rule = rule, s.responsibleOrgId = org.id, s.authorizedRegions = regions, s.judgedAt = datetime()
WITH s, o, org, sh, evidence, regions, rule`;

/**
 * The judgement of one stored scan: `s` (a Scan with a region) and `o` (its object) are bound before these clauses;
 * after them `rule` is bound (null when the scan is in order) and the scan and its alert are written.
 */
export const JUDGE_SCAN = `${RULE_OF_SCAN}
CALL (s, rule) {
  WITH s WHERE rule IS NULL
  OPTIONAL MATCH (old:Alert {id: s.id}) WHERE coalesce(old.state, "OPEN") IN ["OPEN", "ACKNOWLEDGED"]
  WITH old WHERE old IS NOT NULL
  SET old.state = "RESOLVED", old.stateChangedAt = datetime(), old.resolvedByJudgement = true
  CREATE (old)-[:HAS_TRANSITION]->(:AlertTransition {alertId: old.id, state: "RESOLVED", at: datetime(),
         actor: $judgedBy.actor, actorOrganizationId: $judgedBy.actorOrganizationId, note: $judgedBy.note})
}
CALL (s, o, org, sh, evidence, regions, rule) {
  WITH s WHERE rule IS NOT NULL
  OPTIONAL MATCH (prior:Alert {id: s.id})
  WITH s, prior IS NULL AS raised, prior.state = "RESOLVED" AND prior.resolvedByJudgement = true AS reopened
  MERGE (a:Alert {id: s.id})
  SET a.rule = rule, a.objectKey = o.key, a.scanRegion = s.regionCode, a.scannedAt = s.at,
      a.eventId = s.eventId, a.responsibleOrgId = org.id, a.authorizedRegions = regions,
      a.evidence = CASE WHEN org IS NULL THEN [o.key] ELSE evidence END,
      a.shipmentEventId = sh.eventId, a.judgedAt = datetime()
  MERGE (a)-[:RAISED_BY]->(s)
  // Who may list the alert (viewers.queries.ts): its responsible organisation and the parties following its object;
  // a re-judgement that moves the responsibility takes it from the organisation no longer responsible.
  WITH a, raised, reopened,
       reduce(acc = [], p IN [x IN [org.id] WHERE x IS NOT NULL] + coalesce(o.fol, []) |
              CASE WHEN p IN acc THEN acc ELSE acc + p END) AS viewers
  CALL (a, viewers) {
    MATCH (:Organization)-[stale:SEES_ALERT]->(a) WHERE NOT stale.party IN viewers
    DELETE stale
  }
  CALL (a, viewers) {
    UNWIND viewers AS party
    ${SEE_ALERT}
  }
  WITH a, raised, reopened WHERE raised OR reopened
  SET a.state = "OPEN", a.stateChangedAt = datetime(), a.resolvedByJudgement = null
  CREATE (a)-[:HAS_TRANSITION]->(:AlertTransition {alertId: a.id, state: "OPEN", at: datetime(),
         actor: CASE WHEN raised THEN null ELSE $judgedBy.actor END,
         actorOrganizationId: CASE WHEN raised THEN null ELSE $judgedBy.actorOrganizationId END,
         note: CASE WHEN raised THEN "raised by the scan" ELSE "re-opened: " + $judgedBy.note END})
}`;

/**
 * The first judgement of a scan the statement has just CREATEd with its event (recordScan's common case): JUDGE_SCAN
 * without the branches that cannot apply. No alert can exist for such a scan yet (an alert's id is its scan's, a
 * scan exists only with its event, and neither is ever deleted), so nothing is resolved or reopened and there are no
 * stale sightings: a broken rule raises its alert by CREATE, with the first entry of its history and its sightings,
 * the records JUDGE_SCAN writes for it (same properties, same sightings; test/int diversion tests compare them).
 */
export const JUDGE_NEW_SCAN = `${RULE_OF_SCAN}
CALL (s, o, org, sh, evidence, regions, rule) {
  WITH * WHERE rule IS NOT NULL
  CREATE (a:Alert {id: s.id, rule: rule, objectKey: o.key, scanRegion: s.regionCode, scannedAt: s.at,
                   eventId: s.eventId, responsibleOrgId: org.id, authorizedRegions: regions,
                   evidence: CASE WHEN org IS NULL THEN [o.key] ELSE evidence END, shipmentEventId: sh.eventId,
                   judgedAt: datetime(), state: "OPEN", stateChangedAt: datetime()})
  CREATE (a)-[:RAISED_BY]->(s)
  CREATE (a)-[:HAS_TRANSITION]->(:AlertTransition {alertId: a.id, state: "OPEN", at: datetime(),
                                                   note: "raised by the scan"})
  // Who may list the alert (viewers.queries.ts): its responsible organisation and the parties following its object.
  WITH a, reduce(acc = [], p IN [x IN [org.id] WHERE x IS NOT NULL] + coalesce(o.fol, []) |
                 CASE WHEN p IN acc THEN acc ELSE acc + p END) AS viewers
  UNWIND viewers AS party
  MERGE (viewer:Organization {id: party})
  ON CREATE SET viewer.roles = [], viewer.authorizedRegions = []
  CREATE (viewer)-[:SEES_ALERT {party: party, at: a.scannedAt, id: a.id}]->(a)
}`;

const JUDGE_SCANS = `
UNWIND $scanIds AS scanId
MATCH (s:Scan {id: scanId})-[:OF]->(o:Obj)
// A consumer page view (consumer-visit.queries.ts) names an unverified region: it is never judged.
WHERE s.regionCode IS NOT NULL AND s.source IS NULL
${JUDGE_SCAN}
RETURN s.id AS scanId, rule`;

/**
 * Who judges scans again, and why: written on the history of every alert the judgement resolves or re-opens (an
 * alert is never deleted). A first judgement (capture, recordScan) only raises alerts; it resolves none.
 */
export interface Judgement {
  actor: string | null;
  actorOrganizationId: string | null;
  note: string;
}

export const FIRST_JUDGEMENT: Judgement = { actor: null, actorOrganizationId: null, note: "judged when scanned" };

/** Judges (or re-judges) the stored scans of `scanIds`; scans without a region, and page views, are left alone. */
export function judgeScans(scanIds: readonly string[], judgedBy: Judgement = FIRST_JUDGEMENT): Query {
  return query("diversion.judgeScans", JUDGE_SCANS, { scanIds, judgedBy: { ...judgedBy } });
}

/**
 * Scans whose judgement may change when an organisation's authorised regions or transfer permits change: those of
 * objects shipped (directly or in a container) to it, or to an organisation that may transfer to it.
 */
const SCANS_TOUCHING_ORGANIZATION = `
MATCH (changed:Organization {id: $orgId})
CALL (changed) {
  RETURN changed AS org
  UNION
  MATCH (changed)<-[:MAY_TRANSFER_TO]-(org:Organization) RETURN org
}
MATCH (org)<-[:SHIPPED_TO]-(:Obj)<-[:CONTAINED_IN*0..32]-(:Obj)<-[:OF]-(s:Scan)
RETURN DISTINCT s.id AS scanId`;

export function scansTouchingOrganization(orgId: string): Query {
  return query("alerts.scansTouchingOrganization", SCANS_TOUCHING_ORGANIZATION, { orgId });
}
