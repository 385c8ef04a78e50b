import type { AlertFilter, AlertRecord, AlertRepository } from "../graph/alert.repository.js";
import { afterPosition, keysetPage, type Page } from "../graph/keyset-page.js";
import { checkPageSize } from "../paging/page-limits.js";
import { canonicalOrganizationId, parseInputIdentifier, requireRegionCode } from "../registry/identifier-input.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";

export type AlertPage = Page<AlertRecord>;
export type { AlertRecord };

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

  async list(
    filter: AlertFilterInput | null | undefined,
    first: number,
    after: string | null,
    principal: Principal,
  ): Promise<AlertPage> {
    checkPageSize(first, "alerts");
    const cursor = afterPosition(after, ["datetime", "text"]);
    const rows = await this.alerts.list(
      normalizeFilter(filter ?? {}),
      first,
      cursor ? { at: String(cursor[0]), id: String(cursor[1]) } : null,
      readScope(principal),
    );
    return keysetPage(rows, first, (a) => [a.scannedAt, a.id]);
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
