import type { Executor, Row } from "./executor.js";
import { cypher } from "./cypher-query.js";
import type { OrgRole } from "../registry/org-role.js";

export interface OrganizationRecord {
  id: string;
  name: string | null;
  roles: OrgRole[];
  regionCode: string | null;
  authorizedRegions: string[];
}

export interface LocationRecord {
  id: string;
  name: string | null;
  regionCode: string;
  organizationId: string | null;
}

const UPSERT_ORGANIZATION = `
MERGE (o:Organization {id: $id})
WITH o, coalesce(o.authorizedRegions, []) AS previousRegions
SET o.name = $name, o.roles = $roles, o.regionCode = $regionCode, o.authorizedRegions = $authorizedRegions,
    o.updatedAt = datetime()
RETURN o {.*} AS org, previousRegions`;

const UPSERT_LOCATION = `
MERGE (l:Location {id: $id})
SET l.name = $name, l.regionCode = $regionCode, l.organizationId = $organizationId, l.updatedAt = datetime()
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

export class OrganizationRepository {
  constructor(private readonly executor: Executor) {}

  /** Returns the stored organisation and the authorised regions it had before, to know whether to re-judge. */
  async upsert(org: OrganizationRecord): Promise<{ org: OrganizationRecord; previousRegions: string[] }> {
    const rows = await this.executor.write(cypher(UPSERT_ORGANIZATION, { ...org }), "upsertOrganization");
    const row = rows[0] as Row;
    return { org: toOrganization(row.org as Row), previousRegions: (row.previousRegions as string[]) ?? [] };
  }

  async upsertLocation(location: LocationRecord): Promise<LocationRecord> {
    const rows = await this.executor.write(cypher(UPSERT_LOCATION, { ...location }), "upsertLocation");
    return toLocation((rows[0] as Row).location as Row);
  }

  /** Batch lookup for DataLoaders: results in the order of `ids`, null where unknown. */
  async anyOrganization(): Promise<boolean> {
    const rows = await this.executor.read(
      cypher("MATCH (o:Organization) RETURN count(o) > 0 AS any"),
      "anyOrganization",
    );
    return rows[0]?.any === true;
  }

  async findByIds(ids: readonly string[]): Promise<(OrganizationRecord | null)[]> {
    const rows = await this.executor.read(
      cypher("UNWIND $ids AS id OPTIONAL MATCH (o:Organization {id: id}) RETURN id, o {.*} AS org", { ids }),
      "organizationsByIds",
    );
    const byId = new Map(rows.map((r) => [r.id as string, r.org ? toOrganization(r.org as Row) : null]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findLocationsByIds(ids: readonly string[]): Promise<(LocationRecord | null)[]> {
    const rows = await this.executor.read(
      cypher("UNWIND $ids AS id OPTIONAL MATCH (l:Location {id: id}) RETURN id, l {.*} AS location", { ids }),
      "locationsByIds",
    );
    const byId = new Map(rows.map((r) => [r.id as string, r.location ? toLocation(r.location as Row) : null]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}

export function toOrganization(row: Row): OrganizationRecord {
  return {
    id: row.id as string,
    name: (row.name as string | undefined) ?? null,
    roles: (row.roles as OrgRole[] | undefined) ?? [],
    regionCode: (row.regionCode as string | undefined) ?? null,
    authorizedRegions: (row.authorizedRegions as string[] | undefined) ?? [],
  };
}

function toLocation(row: Row): LocationRecord {
  return {
    id: row.id as string,
    name: (row.name as string | undefined) ?? null,
    regionCode: row.regionCode as string,
    organizationId: (row.organizationId as string | undefined) ?? null,
  };
}
