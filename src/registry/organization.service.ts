import type { OrganizationInput } from "../resolvers/types/organization.input.js";
import type { LocationInput } from "../resolvers/types/location.input.js";
import type { LocationRecord, OrganizationRecord, OrganizationRepository } from "../graph/organization.repository.js";
import { canonicalLocationId, canonicalOrganizationId, requireRegionCode } from "./identifier-input.js";

/** Called after an organisation's authorised regions change, so stored diversion alerts are judged again. */
export type RegionsChangedHook = (organizationId: string) => Promise<void>;

/** Registers organisations and locations: canonical ids, validated region codes, idempotent by id. */
export class OrganizationService {
  constructor(
    private readonly repository: OrganizationRepository,
    private readonly onRegionsChanged: RegionsChangedHook = async () => {},
  ) {}

  async upsertOrganization(input: OrganizationInput): Promise<OrganizationRecord> {
    const record: OrganizationRecord = {
      id: canonicalOrganizationId(input.id, "input.id"),
      name: input.name.trim(),
      roles: [...new Set(input.roles)],
      regionCode: input.regionCode ? requireRegionCode(input.regionCode, "input.regionCode") : null,
      authorizedRegions: [
        ...new Set(
          (input.authorizedRegions ?? []).map((r, i) => requireRegionCode(r, `input.authorizedRegions[${i}]`)),
        ),
      ].sort(),
    };
    const { org, previousRegions } = await this.repository.upsert(record);
    if ([...previousRegions].sort().join() !== org.authorizedRegions.join()) await this.onRegionsChanged(org.id);
    return org;
  }

  async upsertLocation(input: LocationInput): Promise<LocationRecord> {
    return this.repository.upsertLocation({
      id: canonicalLocationId(input.id, "input.id"),
      name: input.name?.trim() || null,
      regionCode: requireRegionCode(input.regionCode, "input.regionCode"),
      organizationId: input.organizationId
        ? canonicalOrganizationId(input.organizationId, "input.organizationId")
        : null,
    });
  }
}
