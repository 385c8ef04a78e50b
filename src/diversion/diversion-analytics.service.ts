import type { AnalyticsRepository, TimeWindow } from "../graph/analytics.repository.js";
import type { OrganizationRecord, OrganizationRepository } from "../graph/organization.repository.js";
import { BadUserInputError, NotFoundError } from "../errors/app-errors.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import type { DiversionService } from "./diversion.service.js";
import type { Principal } from "../access/principal.js";
import { assertWriteRole } from "../access/write-access.js";
import { readScope } from "../access/read-scope.js";

/** One cell of the flow matrix: goods authorised for some regions, scanned in another. */
export interface FlowMatrixCell {
  authorizedRegions: string[];
  scanRegion: string;
  scans: number;
  alerts: number;
}

export interface FlowMatrix {
  cells: FlowMatrixCell[];
  totalScans: number;
  totalAlerts: number;
}

export interface LeakRankRecord {
  organization: OrganizationRecord;
  scans: number;
  alerts: number;
  leakRate: number;
}

/** The largest leak ranking one call returns. */
export const MAX_LEAK_RANKING = 1000;

/** 防窜 analytics over stored scans and alerts: the flow matrix, the leak ranking and transfer permits. */
export class DiversionAnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly organizations: OrganizationRepository,
    private readonly diversion: DiversionService,
  ) {}

  async flowMatrix(from: Date | null, to: Date | null, principal: Principal): Promise<FlowMatrix> {
    const matrix = await this.analytics.flowMatrix(window(from, to, principal));
    return {
      cells: matrix.rows.map((r) => ({
        authorizedRegions: r.authorized ? r.authorized.split(",") : [],
        scanRegion: r.scanRegion,
        scans: r.scans,
        alerts: r.alerts,
      })),
      totalScans: matrix.scans,
      totalAlerts: matrix.alerts,
    };
  }

  async leakRanking(
    from: Date | null,
    to: Date | null,
    limit: number,
    principal: Principal,
  ): Promise<LeakRankRecord[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LEAK_RANKING) {
      throw new BadUserInputError(`limit must be from 1 to ${MAX_LEAK_RANKING}`, { field: "limit", rule: "range" });
    }
    const rows = await this.analytics.leakRanking(window(from, to, principal), limit);
    const organizations = await this.organizations.findByIds(rows.map((r) => r.orgId));
    return rows.map((row, i) => ({
      // A party only known from EPCIS events has no registered details: it is still named by its id.
      organization: organizations[i] ?? {
        id: row.orgId,
        name: null,
        roles: [],
        regionCode: null,
        authorizedRegions: [],
        identifiers: [],
      },
      scans: row.scans,
      alerts: row.alerts,
      leakRate: row.leakRate,
    }));
  }

  /** Allows (or stops allowing) goods of `fromId` to be sold in `toId`'s regions, then judges its scans again. */
  async authorizeTransfer(fromId: string, toId: string, allowed: boolean, principal: Principal): Promise<boolean> {
    assertWriteRole(principal, [], "authorise transfers between organisations");
    const given = [
      canonicalOrganizationId(fromId, "fromOrganizationId"),
      canonicalOrganizationId(toId, "toOrganizationId"),
    ];
    // Named by a further identifier (a GLN), an organisation is permitted under its own id.
    const ids = await this.organizations.organizationIds(given);
    const [from = "", to = ""] = given.map((id) => ids.get(id) ?? id);
    if (!(await this.analytics.setTransferPermit(from, to, allowed))) {
      throw new NotFoundError("both organisations must be registered", { from, to });
    }
    // The alerts the permit explains are resolved, with who and why on their history, never deleted.
    await this.diversion.rejudgeOrganization(from, principal, allowed ? "authorised transfer" : "transfer revoked");
    return allowed;
  }
}

function window(from: Date | null, to: Date | null, principal: Principal): TimeWindow {
  const scope = readScope(principal);
  return {
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    ...(scope === undefined ? {} : { scope }),
  };
}
