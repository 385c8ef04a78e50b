import { toOrganization, type OrganizationRecord } from "../graph/organization.repository.js";
import type { RecallRepository, AffectedObjectRow } from "../graph/recall.repository.js";
import { parseInputIdentifier } from "../registry/identifier-input.js";

export interface RecallImpactRecord {
  root: string;
  totalCount: number;
  organizations: { orgId: string; objectCount: number; organization: OrganizationRecord }[];
  regions: string[];
  /** The first affected objects in key order, read with the counts (see PREFETCHED_OBJECTS). */
  firstObjects: AffectedObjectRow[];
}

/** 责任可究: what a recall of a lot, item or container reaches. */
export class RecallService {
  constructor(private readonly repository: RecallRepository) {}

  async impact(code: string): Promise<RecallImpactRecord> {
    const root = parseInputIdentifier(code, "code").key;
    const summary = await this.repository.summary(root);
    const regions = new Set<string>(summary.scanRegions);
    for (const org of summary.organizations) if (org.region) regions.add(org.region);
    return {
      root,
      totalCount: summary.total,
      organizations: summary.organizations
        .map((o) => ({ orgId: o.orgId, objectCount: o.objectCount, organization: toOrganization(o.properties) }))
        .sort((a, b) => b.objectCount - a.objectCount || (a.orgId < b.orgId ? -1 : 1)),
      regions: [...regions].sort(),
      firstObjects: summary.firstObjects,
    };
  }

  objectsPage(root: string, first: number, after: string | null): Promise<AffectedObjectRow[]> {
    return this.repository.objectsPage(root, first, after);
  }
}
