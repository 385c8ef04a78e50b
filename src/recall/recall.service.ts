import type {
  RecallRepository,
  AffectedObjectLine,
  AffectedObjectRow,
  RecallSummary,
} from "../graph/recall.repository.js";
export type { AffectedObjectLine };
import { parseInputIdentifier } from "../registry/identifier-input.js";
import { afterPosition, fetchSize, keysetPage, type PageInfoRecord } from "../graph/keyset-page.js";
import { checkPageSize } from "../paging/page-limits.js";
import { PREFETCHED_OBJECTS } from "../graph/recall.queries.js";
import type { ObjectKind } from "../trace/flow-kinds.js";
import { ImpactTier } from "./impact-tier.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";

export type { AffectedObjectRow };

/** An affected object as answered: the object and how surely the recall reaches it. */
export interface AffectedObject {
  cursor: string;
  node: { key: string; kind: ObjectKind; details: Record<string, unknown> };
  tier: ImpactTier;
}

export interface AffectedObjectPage {
  edges: AffectedObject[];
  pageInfo: PageInfoRecord;
  totalCount: number;
}

export interface RecallImpactRecord {
  root: string;
  totalCount: number;
  /** Most affected objects first, then by id. */
  organizations: RecallSummary["organizations"];
  regions: string[];
  /** The first affected objects in key order, read with the counts (see PREFETCHED_OBJECTS). */
  firstObjects: AffectedObjectRow[];
  /** The party whose view this is (later pages answer with the same view). */
  scope?: string;
}

/** 责任可究: what a recall of a lot, item or container reaches. */
export class RecallService {
  constructor(private readonly repository: RecallRepository) {}

  async impact(code: string, principal: Principal): Promise<RecallImpactRecord> {
    const root = parseInputIdentifier(code, "code").key;
    const scope = readScope(principal);
    const summary = await this.repository.summary(root, scope);
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
      ...(scope === undefined ? {} : { scope }),
    };
  }

  /** Rows after `afterKey` in key order, up to `limit` (the CSV export streams the whole set through this). */
  objectsAfter(
    root: string,
    limit: number,
    afterKey: string | null,
    principal: Principal,
  ): Promise<AffectedObjectRow[]> {
    return this.repository.objectsPage(root, limit, afterKey, readScope(principal));
  }

  /** Every affected object in key order, graded, as the database sends them (the CSV export; nothing held in memory). */
  streamObjects(root: string, principal: Principal): AsyncIterable<AffectedObjectLine> {
    return this.repository.streamObjects(root, readScope(principal));
  }

  /** A keyset page of the affected objects, graded; the first page usually came with the impact's counts. */
  async objects(impact: RecallImpactRecord, first: number, after: string | null): Promise<AffectedObjectPage> {
    checkPageSize(first, "recallObjects");
    const position = afterPosition(after, ["text"]);
    const rows =
      position === null && first < PREFETCHED_OBJECTS
        ? impact.firstObjects.slice(0, fetchSize(first))
        : await this.repository.objectsPage(
            impact.root,
            first,
            position === null ? null : String(position[0]),
            impact.scope,
          );
    const page = keysetPage(rows, first, (row) => [row.key]);
    return {
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: { key: node.key, kind: node.kind as ObjectKind, details: node.details },
        tier: node.certain ? ImpactTier.CERTAIN : ImpactTier.POSSIBLE,
      })),
      pageInfo: page.pageInfo,
      totalCount: impact.totalCount,
    };
  }
}
