import { query, type Query } from "./query.js";

/**
 * Cypher of an organisation's further identifiers (issue 14 item 7): a maker registered by its USCC is also known by
 * its party GLNs in EPCIS, an EPCIS party by the USCC it registers later. Each identifier is an
 * `(:OrgIdentifier {value, organizationId})-[:IDENTIFIES]->(:Organization)` (one owner, by the constraint of
 * migration 9) and is listed on the organisation as `identifiers`. Writes resolve an identifier to its owner's id
 * before they name an organisation, so every flow edge, party list and mark carries the one id.
 */

/**
 * Takes the organisation's write lock (two additions to one organisation serialise, so the one-USCC rule holds) and
 * reads, for every value, the organisation it identifies already and whether it is an organisation's own id.
 */
const IDENTIFIER_CLAIMS = `
MATCH (o:Organization {id: $organizationId})
SET o.identifiersCheckedAt = datetime()
WITH o
UNWIND $values AS value
OPTIONAL MATCH (i:OrgIdentifier {value: value})
OPTIONAL MATCH (own:Organization {id: value})
RETURN value, i.organizationId AS ownerId, own IS NOT NULL AND own <> o AS anotherOrganization,
       o.id AS organizationId, coalesce(o.identifiers, []) AS current`;

export function identifierClaims(organizationId: string, values: readonly string[]): Query {
  return query("organizations.identifierClaims", IDENTIFIER_CLAIMS, { organizationId, values });
}

/**
 * MERGE waits on the value's constraint: of two organisations claiming one value at once, the second matches the
 * first's node, is filtered out and is not counted in `added`, so its caller answers CONFLICT and rolls back.
 */
const ADD_IDENTIFIERS = `
MATCH (o:Organization {id: $organizationId})
UNWIND $values AS value
MERGE (i:OrgIdentifier {value: value})
ON CREATE SET i.organizationId = o.id, i.scheme = CASE WHEN value STARTS WITH "uscc:" THEN "uscc" ELSE "pgln" END,
              i.addedAt = datetime(), i.addedBy = $actor
WITH o, i WHERE i.organizationId = o.id
MERGE (i)-[:IDENTIFIES]->(o)
WITH o, collect(i.value) AS added
SET o.identifiers = reduce(acc = coalesce(o.identifiers, []), v IN added | CASE WHEN v IN acc THEN acc ELSE acc + v END)
RETURN size(added) AS added, o {.*} AS org`;

export function addIdentifiers(organizationId: string, values: readonly string[], actor: string | null): Query {
  return query("organizations.addIdentifiers", ADD_IDENTIFIERS, { organizationId, values, actor });
}

/** The organisation each value identifies; values that are no further identifier have no row. */
const OWNERS_OF_IDENTIFIERS = `
UNWIND $values AS value
MATCH (i:OrgIdentifier {value: value})
RETURN value, i.organizationId AS organizationId`;

export function ownersOfIdentifiers(values: readonly string[]): Query {
  return query("organizations.ownersOfIdentifiers", OWNERS_OF_IDENTIFIERS, { values });
}
