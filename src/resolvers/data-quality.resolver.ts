import { Arg, Ctx, ID, Query, Resolver, Args } from "type-graphql";
import type { AppContext } from "./context.js";
import { BatchQualityReport } from "./types/batch-quality-report.type.js";
import { ManufacturerQualityReport } from "./types/manufacturer-quality-report.type.js";
import { RevisionConnection } from "./types/revision-connection.type.js";
import { RevisionPageArgs } from "./types/page.args.js";

@Resolver(() => BatchQualityReport)
export class DataQualityResolver {
  @Query(() => BatchQualityReport, { description: "Completeness, timeliness and corrections of one batch's info." })
  async batchDataQuality(
    @Arg("batchId", () => ID) batchId: string,
    @Ctx() ctx: AppContext,
  ): Promise<BatchQualityReport> {
    return ctx.services.producer.quality.batchReport(batchId, ctx.principal);
  }

  @Query(() => ManufacturerQualityReport, { description: "A manufacturer's batches against the basic requirements." })
  async manufacturerDataQuality(
    @Arg("manufacturerId", () => String) manufacturerId: string,
    @Ctx() ctx: AppContext,
  ): Promise<ManufacturerQualityReport> {
    return ctx.services.producer.quality.manufacturerReport(manufacturerId, ctx.principal);
  }

  @Query(() => RevisionConnection, { description: "Audit log of revisions and corrections, newest first." })
  async auditLog(
    @Arg("batchId", () => ID, { nullable: true }) batchId: string | null,
    @Arg("manufacturerId", () => String, { nullable: true }) manufacturerId: string | null,
    @Arg("correctionsOnly", () => Boolean, { defaultValue: false }) correctionsOnly: boolean,
    @Args(() => RevisionPageArgs) { first, after }: RevisionPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<RevisionConnection> {
    return ctx.services.producer.quality.auditLog(
      {
        batchId: batchId ?? null,
        manufacturerId: manufacturerId ?? null,
        correctionsOnly,
        first,
        after: after ?? null,
      },
      ctx.principal,
    );
  }
}
