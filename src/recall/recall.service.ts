import type { RecallRepository, AffectedObjectRow, RecallSummary } from "../graph/recall.repository.js";
import { parseInputIdentifier } from "../registry/identifier-input.js";

export interface RecallImpactRecord {
  root: string;
  totalCount: number;
  /** Most affected objects first, then by id. */
  organizations: RecallSummary["organizations"];
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
    for (const { organization } of summary.organizations) {
      if (organization.regionCode) regions.add(organization.regionCode);
    }
    return {
      root,
      totalCount: summary.total,
      organizations: [...summary.organizations].sort(
        (a, b) => b.objectCount - a.objectCount || (a.organization.id < b.organization.id ? -1 : 1),
      ),
      regions: [...regions].sort(),
      firstObjects: summary.firstObjects,
    };
  }

  objectsPage(root: string, first: number, after: string | null): Promise<AffectedObjectRow[]> {
    return this.repository.objectsPage(root, first, after);
  }
}
