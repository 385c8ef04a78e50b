import type { AlertFilter, AlertRecord, AlertRepository } from "../graph/alert.repository.js";
import { decodeCursor, encodeCursor } from "../graph/cursor.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { canonicalOrganizationId, parseInputIdentifier, requireRegionCode } from "../registry/identifier-input.js";

export interface AlertPage {
  alerts: AlertRecord[];
  cursors: string[];
  hasNextPage: boolean;
}

export interface AlertFilterInput {
  rule?: string | null;
  organizationId?: string | null;
  region?: string | null;
  objectKey?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** 防窜: stored diversion alerts, newest first, and re-judgement when an organisation's regions change. */
export class DiversionService {
  constructor(private readonly alerts: AlertRepository) {}

  async list(filter: AlertFilterInput | null | undefined, first: number, after: string | null): Promise<AlertPage> {
    if (first < 1 || first > 500) throw new BadUserInputError("first must be from 1 to 500", { field: "first" });
    const cursor = after ? decodeCursor(after, 2) : null;
    const rows = await this.alerts.list(
      normalizeFilter(filter ?? {}),
      first,
      cursor ? { at: String(cursor[0]), id: String(cursor[1]) } : null,
    );
    const alerts = rows.slice(0, first);
    return { alerts, cursors: alerts.map((a) => encodeCursor([a.scannedAt, a.id])), hasNextPage: rows.length > first };
  }

  rejudgeOrganization(orgId: string): Promise<number> {
    return this.alerts.rejudgeForOrganization(orgId);
  }
}

function normalizeFilter(filter: AlertFilterInput): AlertFilter {
  return {
    rule: filter.rule ?? null,
    organizationId: filter.organizationId
      ? canonicalOrganizationId(filter.organizationId, "filter.organizationId")
      : null,
    region: filter.region ? requireRegionCode(filter.region, "filter.region") : null,
    objectKey: filter.objectKey ? parseInputIdentifier(filter.objectKey, "filter.objectKey").key : null,
    from: filter.from ? filter.from.toISOString() : null,
    to: filter.to ? filter.to.toISOString() : null,
  };
}
