import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import { Job } from "./types/job.type.js";
import { ReportFileInfo, ReportSigningKey } from "./types/report-file.type.js";

@Resolver()
export class ReportResolver {
  @Mutation(() => Job, {
    description:
      "Starts a regulator report (追溯报告) of a batch (`batchId`) or of a recall (`recallCode`: the recalled code or " +
      "batch): a background job (`job(id)` for its progress) that produces a signed JSON document and XLSX workbook. " +
      "For REGULATOR and the batch's maker (and ADMIN); FORBIDDEN for any other party.",
  })
  async startTraceReport(
    @Arg("batchId", () => String, { nullable: true }) batchId: string | null,
    @Arg("recallCode", () => String, { nullable: true }) recallCode: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<Job> {
    return ctx.services.reports.start({ batchId, recallCode }, ctx.principal);
  }

  @Query(() => [ReportFileInfo], {
    description:
      "The files of a finished report job (empty while it runs); NOT_FOUND for a job the caller may not read.",
  })
  async traceReportFiles(@Arg("jobId", () => String) jobId: string, @Ctx() ctx: AppContext): Promise<ReportFileInfo[]> {
    const files = await ctx.services.reports.files(jobId, ctx.principal);
    return files.map((file) => ({
      ...file,
      url: `/reports/${encodeURIComponent(jobId)}/${encodeURIComponent(file.name)}`,
    }));
  }

  @Query(() => ReportSigningKey, {
    description: "The public key to verify reports with (`npm run cli -- report verify`).",
  })
  reportSigningKey(@Ctx() ctx: AppContext): ReportSigningKey {
    const { keyId, pem, ephemeral } = ctx.services.reports.publicKey;
    return { keyId, publicKey: pem, ephemeral };
  }
}
