import neo4j from "neo4j-driver";
import type { Executor } from "../../src/graph/executor.js";
import { cypher } from "../../src/graph/cypher-query.js";
import { RecallRepository, type AffectedObjectRow, type RecallSummary } from "../../src/graph/recall.repository.js";
import { RAW_RECALL } from "../baselines/raw-cypher.js";

/**
 * The proposed recall read: ONE statement for the counts and the first page (the raw baseline's), instead of a
 * summary statement followed by a page statement that walks the affected set again. For the experiment the first
 * page is handed from summary() to the objectsPage() call of the same request through a one-shot map; the proposal
 * does the same through the resolver (see bench/README.md).
 */
const FIRST_PAGE = 100;

export class OneQueryRecallRepository extends RecallRepository {
  private readonly firstPages = new Map<string, AffectedObjectRow[]>();

  constructor(private readonly exec: Executor) {
    super(exec);
  }

  override async summary(key: string): Promise<RecallSummary> {
    const query = cypher(RAW_RECALL, { key, fetch: neo4j.int(FIRST_PAGE + 1) });
    const rows = await this.exec.read(query, "recall.summaryAndFirstPage");
    const row = rows[0];
    if (!row) return { total: 0, organizations: [], scanRegions: [] };
    this.firstPages.set(key, row.page as AffectedObjectRow[]);
    return {
      total: row.total as number,
      organizations: row.orgs as RecallSummary["organizations"],
      scanRegions: row.scanRegions as string[],
    };
  }

  override async objectsPage(key: string, first: number, after: string | null): Promise<AffectedObjectRow[]> {
    const page = after === null && first === FIRST_PAGE ? this.firstPages.get(key) : undefined;
    this.firstPages.delete(key);
    return page ?? super.objectsPage(key, first, after);
  }
}
