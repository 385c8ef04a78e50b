import type { Executor, Row } from "./executor.js";
import type { OrgRole } from "../registry/org-role.js";
import * as Q from "./organization.queries.js";
import * as L from "./list.queries.js";

export interface OrganizationRecord {
  id: string;
  name: string | null;
  roles: OrgRole[];
  regionCode: string | null;
  authorizedRegions: string[];
  /** Public contact for consumer pages (issue 15), as stored; absent fields are null. */
  contact?: { servicePhone: string | null; address: string | null; website: string | null } | null;
}

export interface LocationRecord {
  id: string;
  name: string | null;
  regionCode: string;
  organizationId: string | null;
}

export class OrganizationRepository {
  constructor(private readonly executor: Executor) {}

  /** Returns the stored organisation and the authorised regions it had before, to know whether to re-judge. */
  async upsert(
    org: OrganizationRecord,
    contact: Record<string, string | null> = {},
  ): Promise<{ org: OrganizationRecord; previousRegions: string[] }> {
    const rows = await this.executor.write(Q.upsertOrganization(org, contact));
    const row = rows[0] as Row;
    return { org: toOrganization(row.org as Row), previousRegions: (row.previousRegions as string[]) ?? [] };
  }

  async upsertLocation(location: LocationRecord): Promise<LocationRecord> {
    const rows = await this.executor.write(Q.upsertLocation(location));
    return toLocation((rows[0] as Row).location as Row);
  }

  /** A page of organisations in id order (list.queries.ts); with a scope, those the party may see. */
  async organizationPage(filter: L.OrganizationListFilter, at: L.ListPage, scope?: string) {
    const rows = await this.executor.read(L.organizationPage(filter, at, scope));
    return rows.map((row) => toOrganization(row.org as Row));
  }

  /** A page of locations in id order; with a scope, those of organisations the party may see. */
  async locationPage(filter: L.LocationListFilter, at: L.ListPage, scope?: string) {
    const rows = await this.executor.read(L.locationPage(filter, at, scope));
    return rows.map((row) => toLocation(row.location as Row));
  }

  /** Whether any organisation exists (the demo loads only into an empty database). */
  async anyOrganization(): Promise<boolean> {
    const rows = await this.executor.read(Q.anyOrganization());
    return rows[0]?.any === true;
  }

  /** Batch lookup for DataLoaders: results in the order of `ids`, null where unknown. */

  async findByIds(ids: readonly string[]): Promise<(OrganizationRecord | null)[]> {
    const rows = await this.executor.read(Q.organizationsByIds(ids));
    const byId = new Map(rows.map((r) => [r.id as string, r.org ? toOrganization(r.org as Row) : null]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findLocationsByIds(ids: readonly string[]): Promise<(LocationRecord | null)[]> {
    const rows = await this.executor.read(Q.locationsByIds(ids));
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
    contact: {
      servicePhone: (row.servicePhone as string | undefined) ?? null,
      address: (row.address as string | undefined) ?? null,
      website: (row.website as string | undefined) ?? null,
    },
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
