import type { Executor, Row } from "./executor.js";
import { toOrganization, type OrganizationRecord } from "./organization.repository.js";
import * as Q from "./recall.queries.js";
import { withoutMarks } from "./visibility-cypher.js";

export interface RecallSummary {
  total: number;
  /** Organisations holding affected objects, as stored, with how many of them each holds. */
  organizations: { organization: OrganizationRecord; objectCount: number }[];
  scanRegions: string[];
  /** The first PREFETCHED_OBJECTS affected objects in key order (fewer when there are fewer). */
  firstObjects: AffectedObjectRow[];
}

export interface AffectedObjectRow {
  key: string;
  kind: string;
  details: Record<string, unknown>;
  certain: boolean;
}

/** An affected object as the recall CSV lists it. */
export interface AffectedObjectLine {
  key: string;
  kind: string;
  certain: boolean;
}

export class RecallRepository {
  constructor(private readonly executor: Executor) {}

  async summary(key: string, scope?: string): Promise<RecallSummary> {
    const rows = await this.executor.read(Q.recallSummary(key, scope));
    const row = rows[0];
    if (!row) return { total: 0, organizations: [], scanRegions: [], firstObjects: [] };
    return {
      total: row.total as number,
      organizations: (row.orgs as { organization: Row; objectCount: number }[]).map((o) => ({
        organization: toOrganization(o.organization),
        objectCount: o.objectCount,
      })),
      scanRegions: row.scanRegions as string[],
      firstObjects: (row.firstObjects as AffectedObjectRow[]).map(publicRow),
    };
  }

  async objectsPage(key: string, first: number, after: string | null, scope?: string): Promise<AffectedObjectRow[]> {
    const rows = await this.executor.read(Q.recallObjectsPage(key, first, after, scope));
    return (rows as unknown as AffectedObjectRow[]).map(publicRow);
  }

  /** Every affected object in key order, streamed as Neo4j sends them (the CSV export of a recall of any size). */
  async *streamObjects(key: string, scope?: string): AsyncGenerator<AffectedObjectLine> {
    for await (const record of this.executor.stream(Q.recallObjectsAll(key, scope), CHUNKS_PER_FETCH)) {
      for (const [objectKey, kind, certain] of record.get("chunk") as [string, string | null, boolean][]) {
        yield { key: objectKey, kind: kind ?? "", certain };
      }
    }
  }
}

/** Records of OBJECTS_PER_CHUNK rows the CSV export pulls at a time: about 16,000 rows in memory at most. */
const CHUNKS_PER_FETCH = 8;

function publicRow(row: AffectedObjectRow): AffectedObjectRow {
  return { ...row, details: withoutMarks(row.details) };
}
