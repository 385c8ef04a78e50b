/**
 * The raw Cypher baselines: for each question, the best single hand-written statement we found for the same answer,
 * run through neo4j-driver with nothing around it. Candidates were timed against each other on the quick dataset;
 * the notes say why each one won.
 */
const FLOW = "TRANSFORMED_INTO|IN_LOT|CONTAINED_IN";

/**
 * downstream / upstream: the same answer as the API (every object within `depth` with its minimal depth, ordered and
 * truncated by depth then key; its flow neighbours; its shipments). `ANY SHORTEST` gives minimal depths without
 * enumerating paths; pattern comprehensions fetch neighbours and shipments per object without a subquery, an
 * aggregation or DISTINCT (duplicates are harmless: they are folded when the answer is assembled).
 */
export function rawTraceCypher(direction: "DOWNSTREAM" | "UPSTREAM", depth: number): string {
  const step = direction === "DOWNSTREAM" ? `-[:${FLOW}]->` : `<-[:${FLOW}]-`;
  const next = direction === "DOWNSTREAM" ? `(n)-[r:${FLOW}]->(m:Obj)` : `(n)<-[r:${FLOW}]-(m:Obj)`;
  return `
MATCH (root:Obj {key: $key})
MATCH p = ANY SHORTEST (root)(()${step}()){0,${Math.trunc(depth)}}(n:Obj)
WITH n, length(p) AS depth
ORDER BY depth, n.key
LIMIT $fetch
RETURN n.key AS key, n.kind AS kind, depth,
       [${next} | [type(r), m.key]] AS next,
       [(n)-[s:SHIPPED_TO]->(o:Organization) | [o.id, s.fromOrgId]] AS shipments`;
}

/**
 * recallImpact's first page and counts in one statement: the affected set once (DISTINCT end nodes, so Neo4j prunes
 * the expansion), the instance-only reachable set the same way for the CERTAIN tier, then organisations with object
 * counts, scan regions and the first page by key.
 */
export const RAW_RECALL = `
MATCH (root:Obj {key: $key})
CALL (root) {
  MATCH (root)-[:${FLOW}*0..32]->(n:Obj)
  RETURN collect(DISTINCT n) AS affected
}
CALL (root) {
  MATCH (root)-[rs:${FLOW}*0..32]->(c:Obj)
  WHERE all(r IN rs WHERE NOT coalesce(r.quantityLevel, false))
  RETURN collect(DISTINCT c) AS certain
}
CALL (affected) {
  UNWIND affected AS n
  MATCH (n)-[:SHIPPED_TO]->(org:Organization)
  WITH org, count(DISTINCT n) AS objectCount
  RETURN collect({orgId: org.id, objectCount: objectCount, region: org.regionCode}) AS orgs
}
CALL (affected) {
  UNWIND affected AS n
  MATCH (n)<-[:OF]-(s:Scan)
  WHERE s.regionCode IS NOT NULL
  RETURN collect(DISTINCT s.regionCode) AS scanRegions
}
CALL (affected, certain) {
  UNWIND affected AS n
  WITH n ORDER BY n.key LIMIT $fetch
  RETURN collect({key: n.key, kind: n.kind, details: n {.*}, certain: n IN certain}) AS page
}
RETURN size(affected) AS total, orgs, scanRegions, page`;

/** Region `r` covers region `g` (GB/T 2260): the same predicate as src/graph/diversion.queries.ts. */
function covers(r: string, g: string): string {
  return `CASE WHEN ${r} ENDS WITH "0000" THEN left(${g}, 2) = left(${r}, 2)
               WHEN ${r} ENDS WITH "00" THEN left(${g}, 4) = left(${r}, 4)
               ELSE ${g} = ${r} END`;
}

/** The event, the scan and its link, and the judgement's inputs: the statement both scan baselines start with. */
const SCAN_AND_JUDGEMENT = `
MATCH (o:Obj {key: $objectKey})
CREATE (e:Event {eventId: $eventId, type: "NativeScan", eventTime: datetime($at), recordTime: datetime(),
                 action: "OBSERVE", bizStep: $bizStep, objectKeys: [$objectKey], document: $document,
                 hashedId: false, capturedAt: datetime()})
CREATE (s:Scan {id: $eventId + "|" + $objectKey, eventId: $eventId, objectKey: $objectKey, at: datetime($at),
                bizStep: $bizStep, role: $role, regionCode: $regionCode})
CREATE (s)-[:OF]->(o)
WITH s, o
OPTIONAL CALL (s, o) {
  MATCH p = (o)-[:CONTAINED_IN*0..32]->(:Obj)-[sh:SHIPPED_TO]->(org:Organization)
  WHERE sh.at <= s.at
  RETURN p, sh, org
  ORDER BY sh.at DESC, length(p) ASC, sh.eventId ASC
  LIMIT 1
}
WITH s, o, org, sh, coalesce(org.authorizedRegions, []) AS regions,
     CASE WHEN p IS NULL THEN [o.key] ELSE [n IN nodes(p) | coalesce(n.key, n.id)] END AS evidence
WITH s, o, org, sh, regions, evidence,
     CASE
       WHEN org IS NULL THEN "NOT_SHIPPED"
       WHEN NONE(r IN regions WHERE ${covers("r", "s.regionCode")})
         AND NOT EXISTS {
           MATCH (org)-[:MAY_TRANSFER_TO]->(b:Organization)
           WHERE ANY(r IN coalesce(b.authorizedRegions, []) WHERE ${covers("r", "s.regionCode")})
         }
         THEN "REGION_MISMATCH"
     END AS rule
SET s.rule = rule, s.responsibleOrgId = org.id, s.authorizedRegions = regions, s.judgedAt = datetime()`;

/**
 * recordScan's writes and its diversion judgement (API-CONTRACT §3) in one statement, writing the same records as
 * recordScan: the event, the scan and its link, the responsible organisation from the latest shipment of the object
 * or a container, the rule, and for a broken rule the alert as the contract keeps it: its state (OPEN) with the
 * first entry of its history (an AlertTransition: every change of an alert is recorded, issue 16), and who may list
 * it (API-CONTRACT §6: the responsible organisation and the parties following the object, as SEES_ALERT sightings,
 * the per-party index alert lists read). diversion.measure.ts checks that both sides wrote the same before timing.
 * What a raw statement can leave out and recordScan cannot: the idempotency check of a repeated event id and
 * the re-judgement of an alert that exists already (a fresh event id never has one).
 */
export const RAW_SCAN_CHECK = `${SCAN_AND_JUDGEMENT}
FOREACH (_ IN CASE WHEN rule IS NULL THEN [] ELSE [1] END |
  CREATE (a:Alert {id: s.id, rule: rule, objectKey: o.key, scanRegion: s.regionCode, scannedAt: s.at,
                   eventId: s.eventId, responsibleOrgId: org.id, authorizedRegions: regions, evidence: evidence,
                   shipmentEventId: sh.eventId, judgedAt: datetime(), state: "OPEN", stateChangedAt: datetime()})
  CREATE (a)-[:RAISED_BY]->(s)
  CREATE (a)-[:HAS_TRANSITION]->(:AlertTransition {alertId: s.id, state: "OPEN", at: datetime(),
                                                   note: "raised by the scan"})
  FOREACH (party IN reduce(acc = [], p IN [x IN [org.id] WHERE x IS NOT NULL] + coalesce(o.fol, []) |
                           CASE WHEN p IN acc THEN acc ELSE acc + p END) |
    MERGE (viewer:Organization {id: party})
    CREATE (viewer)-[:SEES_ALERT {party: party, at: s.at, id: s.id}]->(a)))
RETURN rule, org.id AS responsibleOrgId, evidence`;

/**
 * The same judgement writing the alert alone (no state, history or sightings): the baseline this row had before it
 * wrote what recordScan writes, still timed and kept in the row's details.
 */
export const RAW_SCAN_CHECK_BARE = `${SCAN_AND_JUDGEMENT}
FOREACH (_ IN CASE WHEN rule IS NULL THEN [] ELSE [1] END |
  CREATE (a:Alert {id: s.id, rule: rule, objectKey: o.key, scanRegion: s.regionCode, scannedAt: s.at,
                   eventId: s.eventId, responsibleOrgId: org.id, authorizedRegions: regions, evidence: evidence,
                   shipmentEventId: sh.eventId, judgedAt: datetime()})
  CREATE (a)-[:RAISED_BY]->(s))
RETURN rule, org.id AS responsibleOrgId, evidence`;
