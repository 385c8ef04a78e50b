import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import type { AppContext } from "./context.js";
import { ScanStatistic } from "./types/scan-statistic.type.js";
import { ScanGrouping } from "../research/scan-grouping.js";

@Resolver()
export class ScanStatisticsResolver {
  @Query(() => [ScanStatistic], {
    description:
      "市场调研: scans grouped by product, batch, province or city and day, consumer scans apart from channel scans; over the scans the caller may see. Also as CSV: GET /statistics/scans.csv?groupBy=PRODUCT,DAY&from=&to=.",
  })
  async scanStatistics(
    @Arg("groupBy", () => [ScanGrouping]) groupBy: ScanGrouping[],
    @Arg("from", () => GraphQLDateTime, { nullable: true }) from: Date | null,
    @Arg("to", () => GraphQLDateTime, { nullable: true }) to: Date | null,
    @Arg("productId", () => String, { nullable: true }) productId: string | null,
    @Arg("batchId", () => ID, { nullable: true }) batchId: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<ScanStatistic[]> {
    return ctx.services.scanStatistics.statistics({ groupBy, from, to, productId, batchId }, ctx.principal);
  }
}
