import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import type { AppContext } from "./context.js";
import { DiversionFlowMatrix } from "./types/diversion-flow-matrix.type.js";
import { LeakRank } from "./types/leak-rank.type.js";

@Resolver()
export class DiversionAnalyticsResolver {
  @Query(() => DiversionFlowMatrix, { description: "防窜 analytics: authorised region → scan region, for a window." })
  async diversionFlowMatrix(
    @Arg("from", () => GraphQLDateTime, { nullable: true }) from: Date | null,
    @Arg("to", () => GraphQLDateTime, { nullable: true }) to: Date | null,
    @Ctx() ctx: AppContext,
  ): Promise<DiversionFlowMatrix> {
    return ctx.services.diversionAnalytics.flowMatrix(from, to, ctx.principal);
  }

  @Query(() => [LeakRank], { description: "Distributors ranked by leak rate (alerts over scans) in a window." })
  async distributorLeakRanking(
    @Arg("from", () => GraphQLDateTime, { nullable: true }) from: Date | null,
    @Arg("to", () => GraphQLDateTime, { nullable: true }) to: Date | null,
    @Arg("limit", () => Int, { defaultValue: 50 }) limit: number,
    @Ctx() ctx: AppContext,
  ): Promise<LeakRank[]> {
    return ctx.services.diversionAnalytics.leakRanking(from, to, limit, ctx.principal);
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
    return ctx.services.diversionAnalytics.authorizeTransfer(fromId, toId, allowed, ctx.principal);
  }
}
