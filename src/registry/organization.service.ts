import type {
  IdentifierClaim,
  LocationRecord,
  OrganizationRecord,
  OrganizationRepository,
} from "../graph/organization.repository.js";
export type { LocationRecord, OrganizationRecord };
import { BadUserInputError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import { AccessRole } from "../access/access-role.js";
import { actsFor } from "../access/write-access.js";
import { organizationIdentifier } from "./organization-identifier.js";
import { canonicalLocationId, canonicalOrganizationId, requireRegionCode } from "./identifier-input.js";
import type { LocationRequest, OrganizationIdentifiersRequest, OrganizationRequest } from "./registry-requests.js";
import type { Principal } from "../access/principal.js";
import type { ReadAccess } from "../access/read-access.js";
import { assertWriteRole } from "../access/write-access.js";
import { plainName } from "./plain-name.js";
import type { Page } from "../graph/keyset-page.js";
import { idPage } from "../paging/id-page.js";
import { readScope } from "../access/read-scope.js";
import type { OrgRole } from "./org-role.js";

/** Called after an organisation's authorised regions change, so stored diversion alerts are judged again. */
export type RegionsChangedHook = (organizationId: string, principal: Principal) => Promise<void>;

/** Registers organisations and locations: canonical ids, validated region codes, idempotent by id. */
export class OrganizationService {
  constructor(
    private readonly repository: OrganizationRepository,
    private readonly readAccess: ReadAccess,
    private readonly onRegionsChanged: RegionsChangedHook = async () => {},
  ) {}

  /**
   * An organisation as `principal` may see it, or null (unknown or invisible, API-CONTRACT §6): itself, a
   * counterpart of a shipment it took part in, or the maker of something it has; ADMIN and REGULATOR see all.
   */
  async organizationFor(id: string, principal: Principal): Promise<OrganizationRecord | null> {
    const [found] = await this.repository.findByIds([id]);
    if (!found) return null;
    return (await this.readAccess.seesOrganization(principal, found.id)) ? found : null;
  }

  /**
   * `organizationList`: organisations in id order, by role and region (a code covering their own); a party gets
   * itself and its counterparts (as `organization(id)`), decided inside the statement.
   */
  async organizations(
    filter: { role?: OrgRole | null; region?: string | null } | null | undefined,
    first: number,
    after: string | null | undefined,
    principal: Principal,
  ): Promise<Page<OrganizationRecord>> {
    const normalized = {
      role: filter?.role ?? null,
      region: filter?.region ? requireRegionCode(filter.region, "filter.region") : null,
    };
    return idPage(first, after, (at) => this.repository.organizationPage(normalized, at, readScope(principal)));
  }

  /** `locationList`: locations in id order, by operator and region; a party gets those of organisations it sees. */
  async locations(
    filter: { organizationId?: string | null; region?: string | null } | null | undefined,
    first: number,
    after: string | null | undefined,
    principal: Principal,
  ): Promise<Page<LocationRecord>> {
    const given = filter?.organizationId
      ? canonicalOrganizationId(filter.organizationId, "filter.organizationId")
      : null;
    const normalized = {
      organizationId: given === null ? null : ((await this.repository.organizationIds([given])).get(given) ?? given),
      region: filter?.region ? requireRegionCode(filter.region, "filter.region") : null,
    };
    return idPage(first, after, (at) => this.repository.locationPage(normalized, at, readScope(principal)));
  }

  /** Organisations by canonical id, in the order asked, null where unknown (the per-request loader's batch). */
  async organizationsByIds(ids: readonly string[]): Promise<(OrganizationRecord | null)[]> {
    return this.repository.findByIds(ids);
  }

  /** Locations by canonical id, in the order asked, null where unknown. */
  async locationsByIds(ids: readonly string[]): Promise<(LocationRecord | null)[]> {
    return this.repository.findLocationsByIds(ids);
  }

  /** Whether any organisation exists: the demo is only loaded into an empty database. */
  async anyRegistered(): Promise<boolean> {
    return this.repository.anyOrganization();
  }

  async upsertOrganization(input: OrganizationRequest, principal: Principal): Promise<OrganizationRecord> {
    assertWriteRole(principal, [], "register organisations");
    const record = {
      id: canonicalOrganizationId(input.id, "input.id"),
      name: plainName(input.name, "input.name"),
      roles: [...new Set(input.roles)],
      regionCode: input.regionCode ? requireRegionCode(input.regionCode, "input.regionCode") : null,
      authorizedRegions: [
        ...new Set(
          (input.authorizedRegions ?? []).map((r, i) => requireRegionCode(r, `input.authorizedRegions[${i}]`)),
        ),
      ].sort(),
    };
    const claims: IdentifierClaim[] = [
      ...(input.uscc ? [{ value: organizationIdentifier(input.uscc, "input.uscc", "USCC"), field: "input.uscc" }] : []),
      ...(input.glns ?? []).map((gln, i) => ({
        value: organizationIdentifier(gln, `input.glns[${i}]`, "GLN"),
        field: `input.glns[${i}]`,
      })),
    ];
    const { org, previousRegions } = await this.repository.upsert(record, claims, principal.credentialId);
    if ([...previousRegions].sort().join() !== org.authorizedRegions.join())
      await this.onRegionsChanged(org.id, principal);
    return org;
  }

  /**
   * Further identifiers of an organisation (its USCC, its party GLNs), so that any of them names it: EPCIS parties,
   * lookups, the producer's flow. ADMIN, or the organisation itself; idempotent; an identifier of another
   * organisation (or another's own id) is CONFLICT, and so is a second USCC.
   */
  async addOrganizationIdentifiers(
    request: OrganizationIdentifiersRequest,
    principal: Principal,
  ): Promise<OrganizationRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER, AccessRole.PARTNER], "add organisation identifiers");
    const given = canonicalOrganizationId(request.organizationId, "organizationId");
    if (request.identifiers.length < 1 || request.identifiers.length > 100) {
      throw new BadUserInputError("identifiers: give 1 to 100 identifiers", {
        field: "identifiers",
        rule: "range 1-100",
      });
    }
    const claims = request.identifiers.map((value, i) => ({
      value: organizationIdentifier(value, `identifiers[${i}]`),
      field: `identifiers[${i}]`,
    }));
    const [org] = await this.repository.findByIds([given]);
    const missing = () =>
      new NotFoundError(`organisation ${given} is not registered`, { field: "organizationId", value: given });
    if (!org) throw missing();
    if (!actsFor(principal, org.id)) {
      if (!(await this.readAccess.seesOrganization(principal, org.id))) throw missing();
      throw new ForbiddenError(`${principal.role} adds identifiers of its own organisation only`, {
        field: "organizationId",
        rule: "own organisation",
      });
    }
    return this.repository.addIdentifiers(org.id, claims, principal.credentialId);
  }

  async upsertLocation(input: LocationRequest, principal: Principal): Promise<LocationRecord> {
    assertWriteRole(principal, [], "register locations");
    return this.repository.upsertLocation({
      id: canonicalLocationId(input.id, "input.id"),
      name: input.name ? plainName(input.name, "input.name") || null : null,
      regionCode: requireRegionCode(input.regionCode, "input.regionCode"),
      organizationId: input.organizationId
        ? canonicalOrganizationId(input.organizationId, "input.organizationId")
        : null,
    });
  }
}
