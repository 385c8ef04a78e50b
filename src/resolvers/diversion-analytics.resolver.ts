import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import type { AppContext } from "../server/context.js";
import { BadUserInputError, NotFoundError } from "../errors/app-errors.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import type { Organization } from "./types/organization.type.js";
import { DiversionFlowMatrix, LeakRank } from "./types/analytics.type.js";

function window(from: Date | null, to: Date | null) {
  return { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null };
}

@Resolver()
export class DiversionAnalyticsResolver {
  @Query(() => DiversionFlowMatrix, { description: "防窜 analytics: authorised region → scan region, for a window." })
  async diversionFlowMatrix(
    @Arg("from", () => GraphQLDateTime, { nullable: true }) from: Date | null,
    @Arg("to", () => GraphQLDateTime, { nullable: true }) to: Date | null,
    @Ctx() ctx: AppContext,
  ): Promise<DiversionFlowMatrix> {
    const matrix = await ctx.services.analytics.flowMatrix(window(from, to));
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

  @Query(() => [LeakRank], { description: "Distributors ranked by leak rate (alerts over scans) in a window." })
  async distributorLeakRanking(
    @Arg("from", () => GraphQLDateTime, { nullable: true }) from: Date | null,
    @Arg("to", () => GraphQLDateTime, { nullable: true }) to: Date | null,
    @Arg("limit", () => Int, { defaultValue: 50 }) limit: number,
    @Ctx() ctx: AppContext,
  ): Promise<LeakRank[]> {
    if (limit < 1 || limit > 1000) throw new BadUserInputError("limit must be from 1 to 1000", { field: "limit" });
    const rows = await ctx.services.analytics.leakRanking(window(from, to), limit);
    const orgs = await ctx.loaders.organization.loadMany(rows.map((r) => r.orgId));
    return rows.map((row, i) => {
      const org = orgs[i];
      const organization =
        org && !(org instanceof Error)
          ? org
          : { id: row.orgId, name: null, roles: [], regionCode: null, authorizedRegions: [] };
      return {
        organization: organization as Organization,
        scans: row.scans,
        alerts: row.alerts,
        leakRate: row.leakRate,
      };
    });
  }

  @Mutation(() => Boolean, {
    description: "Allow goods of one distributor to be sold in another's authorised regions (no alert); re-judges.",
  })
  async authorizeTransfer(
    @Arg("fromOrganizationId", () => String) fromId: string,
    @Arg("toOrganizationId", () => String) toId: string,
    @Arg("allowed", () => Boolean, { defaultValue: true }) allowed: boolean,
    @Ctx() ctx: AppContext,
  ): Promise<boolean> {
    const from = canonicalOrganizationId(fromId, "fromOrganizationId");
    const to = canonicalOrganizationId(toId, "toOrganizationId");
    if (!(await ctx.services.analytics.setTransferPermit(from, to, allowed))) {
      throw new NotFoundError("both organisations must be registered", { from, to });
    }
    await ctx.services.diversionService.rejudgeOrganization(from);
    return allowed;
  }
}
