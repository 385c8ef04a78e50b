import type { Executor, QueryRunner, Row } from "./executor.js";
import type { OrgRole } from "../registry/org-role.js";
import { ConflictError, NotFoundError } from "../errors/app-errors.js";
import * as Q from "./organization.queries.js";
import * as I from "./organization-identifier.queries.js";
import * as L from "./list.queries.js";

/** An organisation as registered: what upsertOrganization sets. */
export interface OrganizationFields {
  id: string;
  name: string | null;
  roles: OrgRole[];
  regionCode: string | null;
  authorizedRegions: string[];
}

export interface OrganizationRecord extends OrganizationFields {
  /** Further identifiers (canonical keys: `uscc:…`, party GLN Digital Links) that resolve to `id`. */
  identifiers: string[];
}

/** An identifier to add, and the input field that named it (for the error that refuses it). */
export interface IdentifierClaim {
  value: string;
  field: string;
}

export interface LocationRecord {
  id: string;
  name: string | null;
  regionCode: string;
  organizationId: string | null;
}

export class OrganizationRepository {
  constructor(private readonly executor: Executor) {}

  /**
   * Returns the stored organisation and the authorised regions it had before, to know whether to re-judge. Its
   * further identifiers, when given, are added in the same transaction (CONFLICT rolls the whole upsert back).
   */
  async upsert(
    org: OrganizationFields,
    identifiers: readonly IdentifierClaim[] = [],
    actor: string | null = null,
  ): Promise<{ org: OrganizationRecord; previousRegions: string[] }> {
    return this.executor.writeTx("organizations.upsert", async (tx) => {
      const row = (await tx.rows(Q.upsertOrganization(org)))[0] as Row;
      const stored = toOrganization(row.org as Row);
      const previousRegions = (row.previousRegions as string[]) ?? [];
      if (identifiers.length === 0) return { org: stored, previousRegions };
      return { org: await addIdentifiersInTx(tx, stored.id, identifiers, actor), previousRegions };
    });
  }

  /** Adds further identifiers to a registered organisation (idempotent); CONFLICT when one is another's. */
  async addIdentifiers(
    organizationId: string,
    identifiers: readonly IdentifierClaim[],
    actor: string | null,
  ): Promise<OrganizationRecord> {
    return this.executor.writeTx("organizations.addIdentifiers", (tx) =>
      addIdentifiersInTx(tx, organizationId, identifiers, actor),
    );
  }

  /** The organisation id each value resolves to: the owner of a further identifier, else the value itself. */
  async organizationIds(values: readonly string[]): Promise<Map<string, string>> {
    return this.executor.readTx("organizations.ownersOfIdentifiers", (tx) => organizationIdsInTx(tx, values));
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
    identifiers: (row.identifiers as string[] | undefined) ?? [],
  };
}

/** The organisation id each value resolves to (every value is in the map; most map to themselves). */
export async function organizationIdsInTx(tx: QueryRunner, values: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(values)];
  const resolved = new Map(distinct.map((v) => [v, v]));
  if (distinct.length === 0) return resolved;
  for (const row of await tx.rows(I.ownersOfIdentifiers(distinct))) {
    resolved.set(row.value as string, row.organizationId as string);
  }
  return resolved;
}

/**
 * An identifier belongs to one organisation: one that identifies another, or that is another organisation's own id
 * (events or registrations name it already), is CONFLICT; so is a second USCC. The organisation's own id is no
 * further identifier and is skipped.
 */
async function addIdentifiersInTx(
  tx: QueryRunner,
  organizationId: string,
  identifiers: readonly IdentifierClaim[],
  actor: string | null,
): Promise<OrganizationRecord> {
  const values = [...new Set(identifiers.map((i) => i.value))];
  const claims = await tx.rows(I.identifierClaims(organizationId, values));
  const first = claims[0];
  if (!first) throw new NotFoundError(`organisation ${organizationId} is not registered`, { value: organizationId });
  const id = first.organizationId as string;
  const fieldOf = (value: string) => identifiers.find((i) => i.value === value)?.field ?? "identifiers";
  for (const claim of claims) {
    const value = claim.value as string;
    const owner = claim.ownerId as string | null;
    if ((owner !== null && owner !== id) || (claim.anotherOrganization === true && value !== id)) {
      throw new ConflictError(`${value} identifies another organisation already`, {
        field: fieldOf(value),
        value,
        rule: "identifier of one organisation",
      });
    }
  }
  const usccs = new Set([id, ...(first.current as string[]), ...values].filter((v) => v.startsWith("uscc:")));
  if (usccs.size > 1) {
    const extra = values.find((v) => v.startsWith("uscc:") && v !== id) ?? [...usccs][1] ?? "";
    throw new ConflictError(`${id} has a unified social credit code already: an organisation has one`, {
      field: fieldOf(extra),
      value: extra,
      rule: "one USCC per organisation",
    });
  }
  const fresh = values.filter((v) => v !== id);
  if (fresh.length === 0) return toOrganization((await tx.rows(Q.organizationsByIds([id])))[0]?.org as Row);
  const rows = await tx.rows(I.addIdentifiers(id, fresh, actor));
  if (Number(rows[0]?.added ?? 0) !== fresh.length) {
    throw new ConflictError(`an identifier of ${id} was claimed by another organisation at the same time`, {
      field: fieldOf(fresh[0] ?? ""),
      rule: "identifier of one organisation",
    });
  }
  return toOrganization(rows[0]?.org as Row);
}

function toLocation(row: Row): LocationRecord {
  return {
    id: row.id as string,
    name: (row.name as string | undefined) ?? null,
    regionCode: row.regionCode as string,
    organizationId: (row.organizationId as string | undefined) ?? null,
  };
}
