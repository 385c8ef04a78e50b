import type { Executor, Row } from "./executor.js";
import * as Q from "./recall-notice.queries.js";

/** A recall notice as stored (recall-notice.queries.ts). */
export interface RecallNoticeRow {
  id: string;
  batchId: string;
  manufacturerId: string;
  holderId: string;
  holderName: string | null;
  reason: string;
  instructions: string;
  objectKeys: string[];
  objectCount: number;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

/** Recall notices: written by the recall's transaction (ProducerRepository.recall), read and acknowledged here. */
export class RecallNoticeRepository {
  constructor(private readonly executor: Executor) {}

  async ofBatch(batchId: string, holderId: string | null, limit: number): Promise<RecallNoticeRow[]> {
    return (await this.executor.read(Q.recallNoticesOfBatch(batchId, holderId, limit))).map(toNotice);
  }

  async ofHolder(holderId: string, limit: number): Promise<RecallNoticeRow[]> {
    return (await this.executor.read(Q.recallNoticesOfHolder(holderId, limit))).map(toNotice);
  }

  /** The notices among `ids` sent to `holderId` (every one for null), in the order of `ids`. */
  async byIds(ids: readonly string[], holderId: string | null): Promise<RecallNoticeRow[]> {
    if (ids.length === 0) return [];
    return (await this.executor.read(Q.recallNoticesByIds(ids, holderId))).map(toNotice);
  }

  async byId(id: string): Promise<RecallNoticeRow | null> {
    const row = (await this.executor.read(Q.recallNoticeById(id)))[0];
    return row ? toNotice(row) : null;
  }

  async acknowledge(id: string, actor: string, note: string | null): Promise<RecallNoticeRow | null> {
    const row = (await this.executor.write(Q.acknowledgeRecallNotice(id, actor, note)))[0];
    return row ? toNotice(row) : null;
  }
}

function toNotice(row: Row): RecallNoticeRow {
  const n = row.notice as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    id: String(n.id),
    batchId: String(n.batchId),
    manufacturerId: String(n.manufacturerId),
    holderId: String(n.holderId),
    holderName: text(n.holderName),
    reason: String(n.reason ?? ""),
    instructions: String(n.instructions ?? ""),
    objectKeys: (n.objectKeys as string[] | null) ?? [],
    objectCount: Number(n.objectCount ?? 0),
    createdAt: String(n.createdAt),
    acknowledgedAt: text(n.acknowledgedAt),
    acknowledgedBy: text(n.acknowledgedBy),
    note: text(n.note),
  };
}
