import type { MasterDataRow } from "./flow-model.js";
import { query, type Query } from "./query.js";

/**
 * Cypher of EPCIS master data (issue 16 item 6): `(:MasterData {vtype, key, id, name, address, attributes, children,
 * namespaces, capturedBy})`, one per vocabulary type and canonical key (migration 15's constraint). It is linked to
 * the graph by key when read, never by a stored relationship, so a location registered or a GLN added to an
 * organisation after the capture is linked as well: a ReadPoint or BusinessLocation to `(:Location {id: key})`, a
 * Party to the organisation whose id or further identifier (OrgIdentifier) the key is, an EPCClass to `(:Obj {key})`.
 */

const PARTY = "urn:epcglobal:epcis:vtype:Party";
const LOCATION_TYPES = ["urn:epcglobal:epcis:vtype:ReadPoint", "urn:epcglobal:epcis:vtype:BusinessLocation"];

/** Same type and key: updated in place (attributes replaced, the capturing organisations collected). */
const MERGE_MASTER_DATA = `
UNWIND $rows AS row
MERGE (m:MasterData {vtype: row.vtype, key: row.key})
ON CREATE SET m.createdAt = datetime()
SET m.id = row.id, m.name = row.name, m.address = row.address, m.attributes = row.attributes,
    m.children = row.children, m.namespaces = row.namespaces, m.updatedAt = datetime(),
    m.capturedBy = CASE WHEN row.capturedBy IS NULL OR row.capturedBy IN coalesce(m.capturedBy, [])
                        THEN coalesce(m.capturedBy, []) ELSE coalesce(m.capturedBy, []) + row.capturedBy END
RETURN count(m) AS written`;

export function mergeMasterData(rows: readonly MasterDataRow[]): Query {
  return query("masterData.merge", MERGE_MASTER_DATA, {
    rows: rows.map((row) => ({ capturedBy: null, ...row })),
  });
}

/** What an element is linked to: `m` in scope, the organisation a Party names, the location, the object class. */
const LINKED = `
OPTIONAL MATCH (li:OrgIdentifier {value: m.key})
OPTIONAL MATCH (o:Organization {id: coalesce(li.organizationId, m.key)})
OPTIONAL MATCH (l:Location {id: m.key})
OPTIONAL MATCH (c:Obj {key: m.key})
RETURN m {.vtype, .id, .key, .name, .address, .attributes, .children, .namespaces, .updatedAt} AS element,
       CASE WHEN m.vtype = $party THEN o.id END AS organizationId,
       CASE WHEN m.vtype IN $locationTypes THEN l.id END AS locationId,
       CASE WHEN m.vtype IN $locationTypes THEN l.organizationId END AS locationOrganizationId,
       c.key AS objectKey`;

const ELEMENT = `
MATCH (m:MasterData {vtype: $vtype, key: $key})
WITH m
${LINKED}`;

/**
 * A party sees an element (API-CONTRACT §6) that it captured, that describes itself or one of its locations, or that
 * an event it may see uses (its readPoint, bizLocation, a source or destination party, a quantity's class).
 */
const ELEMENT_SCOPED = `
MATCH (m:MasterData {vtype: $vtype, key: $key})
OPTIONAL MATCH (i:OrgIdentifier {value: m.key})
WITH m, coalesce(i.organizationId, m.key) AS partyId
WHERE $scope IN coalesce(m.capturedBy, []) OR partyId = $scope
   OR EXISTS { MATCH (l:Location {id: m.key}) WHERE l.organizationId = $scope }
   OR EXISTS {
     MATCH (:Organization {id: $scope})-[:SEES_EVENT]->(e:Event)
     WHERE (e.readPoint = m.key OR e.bizLocation = m.key OR m.key IN coalesce(e.classKeys, [])
            OR partyId IN coalesce(e.sourceParties, []) OR partyId IN coalesce(e.destinationParties, []))
   }
WITH m
${LINKED}`;

/** One element by type and canonical key; with a scope, only when that party may see it. */
export function masterDataElement(vtype: string, key: string, scope?: string): Query {
  const scoped = scope !== undefined;
  return query(scoped ? "masterData.elementScoped" : "masterData.element", scoped ? ELEMENT_SCOPED : ELEMENT, {
    vtype,
    key,
    party: PARTY,
    locationTypes: LOCATION_TYPES,
    ...(scoped ? { scope } : {}),
  });
}

/**
 * The elements of these keys (locations, parties, classes that events use), and the Party elements of the
 * organisations among them under any of their identifiers (a native shipment names the maker by its id, its master
 * data names it by its GLN).
 */
const BY_KEYS = `
UNWIND $keys AS k
CALL (k) {
  MATCH (m:MasterData {key: k})
  RETURN m
  UNION
  MATCH (o:Organization {id: k})
  UNWIND coalesce(o.identifiers, []) AS identifier
  MATCH (m:MasterData {vtype: $party, key: identifier})
  RETURN m
}
WITH DISTINCT m
${LINKED}
ORDER BY element.vtype, element.key`;

export function masterDataByKeys(keys: readonly string[]): Query {
  return query("masterData.byKeys", BY_KEYS, { keys, party: PARTY, locationTypes: LOCATION_TYPES });
}
