import type { Executor, Row } from "./executor.js";
import * as Q from "./audit-finding.queries.js";

/** An internal-audit finding (内部审核) as stored; times as ISO strings. */
export interface AuditFindingRecord {
  id: string;
  text: string;
  owner: string | null;
  state: "OPEN" | "CLOSED";
  openedAt: string;
  openedBy: string | null;
  openedByOrganizationId: string | null;
  revisionId: string | null;
  batchId: string;
  productId: string | null;
  manufacturerId: string;
  closedAt: string | null;
  closedBy: string | null;
  closedByOrganizationId: string | null;
  conclusion: string | null;
}

export type FindingListFilter = Omit<Q.FindingListFilter, "fetch">;

/** Internal-audit findings: listed, looked up, assigned and closed (opened with their revision, ProducerRepository). */
export class AuditFindingRepository {
  constructor(private readonly executor: Executor) {}

  async list(filter: FindingListFilter, fetch: number, scope?: string): Promise<AuditFindingRecord[]> {
    const rows = await this.executor.read(Q.listFindings({ ...filter, fetch }, scope));
    return rows.map((row) => toFinding(row.finding as Row));
  }

  async byId(id: string): Promise<AuditFindingRecord | null> {
    const [row] = await this.executor.read(Q.findingById(id));
    return row ? toFinding(row.finding as Row) : null;
  }

  /** Closes an OPEN finding; returns the state it had and the finding as it is now (null: no such finding). */
  close(id: string, close: Parameters<typeof Q.closeFinding>[1]): Promise<FindingChange | null> {
    return this.change(Q.closeFinding(id, close));
  }

  /** Gives an OPEN finding another owner; as `close`. */
  assign(id: string, owner: string): Promise<FindingChange | null> {
    return this.change(Q.assignFinding(id, owner));
  }

  private async change(statement: ReturnType<typeof Q.closeFinding>): Promise<FindingChange | null> {
    const [row] = await this.executor.write(statement);
    return row ? { before: row.before as string, finding: toFinding(row.finding as Row) } : null;
  }
}

export interface FindingChange {
  before: string;
  finding: AuditFindingRecord;
}

function text(row: Row, key: string): string | null {
  return (row[key] as string | undefined) ?? null;
}

function toFinding(row: Row): AuditFindingRecord {
  return {
    id: row.id as string,
    text: (row.text as string | undefined) ?? "",
    owner: text(row, "owner"),
    state: row.state === "CLOSED" ? "CLOSED" : "OPEN",
    openedAt: row.openedAt as string,
    openedBy: text(row, "openedBy"),
    openedByOrganizationId: text(row, "openedByOrganizationId"),
    revisionId: text(row, "revisionId"),
    batchId: row.batchId as string,
    productId: text(row, "productId"),
    manufacturerId: row.manufacturerId as string,
    closedAt: text(row, "closedAt"),
    closedBy: text(row, "closedBy"),
    closedByOrganizationId: text(row, "closedByOrganizationId"),
    conclusion: text(row, "conclusion"),
  };
}
