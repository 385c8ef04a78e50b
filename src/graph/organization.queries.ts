import type { LocationRecord, OrganizationFields } from "./organization.repository.js";
import { query, type Query } from "./query.js";

/** Cypher of the registry of organisations and locations (OrganizationRepository). */

/**
 * Returns the authorised regions the organisation had before, so the caller knows whether to re-judge scans. An id
 * that is another organisation's further identifier (a GLN, a USCC) updates that organisation.
 */
const UPSERT_ORGANIZATION = `
OPTIONAL MATCH (alias:OrgIdentifier {value: $id})
WITH coalesce(alias.organizationId, $id) AS id
MERGE (o:Organization {id: id})
WITH o, coalesce(o.authorizedRegions, []) AS previousRegions
SET o.name = $name, o.roles = $roles, o.regionCode = $regionCode, o.authorizedRegions = $authorizedRegions,
    o.updatedAt = datetime()
RETURN o {.*} AS org, previousRegions`;

export function upsertOrganization(org: OrganizationFields): Query {
  return query("organizations.upsert", UPSERT_ORGANIZATION, { ...org });
}

/**
 * The location and its OPERATED_BY link, replaced as a whole (an organisation named first is MERGEd); an operator
 * named by one of its further identifiers is stored under its id.
 */
const UPSERT_LOCATION = `
OPTIONAL MATCH (alias:OrgIdentifier {value: $organizationId})
WITH coalesce(alias.organizationId, $organizationId) AS organizationId
MERGE (l:Location {id: $id})
SET l.name = $name, l.regionCode = $regionCode, l.organizationId = organizationId, l.updatedAt = datetime()
WITH l
CALL (l) {
  OPTIONAL MATCH (l)-[old:OPERATED_BY]->(:Organization) DELETE old
}
CALL (l) {
  WITH l WHERE l.organizationId IS NOT NULL
  MERGE (o:Organization {id: l.organizationId})
  ON CREATE SET o.roles = [], o.authorizedRegions = []
  MERGE (l)-[:OPERATED_BY]->(o)
}
RETURN l {.*} AS location`;

export function upsertLocation(location: LocationRecord): Query {
  return query("organizations.upsertLocation", UPSERT_LOCATION, { ...location });
}

const ORGANIZATIONS_BY_IDS = `
UNWIND $ids AS id
OPTIONAL MATCH (alias:OrgIdentifier {value: id})
OPTIONAL MATCH (o:Organization {id: coalesce(alias.organizationId, id)})
RETURN id, o {.*} AS org`;

/**
 * Batch lookup for DataLoaders, by id or by any further identifier (the organisation it identifies); `org` is null
 * for an unknown id.
 */
export function organizationsByIds(ids: readonly string[]): Query {
  return query("organizations.byIds", ORGANIZATIONS_BY_IDS, { ids });
}

const LOCATIONS_BY_IDS = `
UNWIND $ids AS id
OPTIONAL MATCH (l:Location {id: id})
RETURN id, l {.*} AS location`;

export function locationsByIds(ids: readonly string[]): Query {
  return query("organizations.locationsByIds", LOCATIONS_BY_IDS, { ids });
}

/** A label scan that stops at the first organisation (LIMIT 1): the demo seeds only an empty database. */
const ANY_ORGANIZATION = `
OPTIONAL MATCH (o:Organization)
WITH o LIMIT 1
RETURN o IS NOT NULL AS any`;

export function anyOrganization(): Query {
  return query("organizations.any", ANY_ORGANIZATION, {});
}
