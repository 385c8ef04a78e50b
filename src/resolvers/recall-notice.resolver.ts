import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import type { RecallNoticeRow } from "../recall/recall-notice.service.js";
import { RecallNotice } from "./types/recall-notice.type.js";

export function toRecallNotice(row: RecallNoticeRow): RecallNotice {
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    acknowledgedAt: row.acknowledgedAt === null ? null : new Date(row.acknowledgedAt),
  };
}

@Resolver(() => RecallNotice)
export class RecallNoticeResolver {
  @Query(() => [RecallNotice], {
    description:
      "Recall notices: a batch's (all of them for its maker, the operator and regulators, who see who acknowledged; " +
      "a holder's own), or, without batchId, the notices the caller's organisation received, newest first.",
  })
  async recallNotices(
    @Arg("batchId", () => String, { nullable: true }) batchId: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<RecallNotice[]> {
    return (await ctx.services.recallNotices.notices(batchId ?? null, ctx.principal)).map(toRecallNotice);
  }

  @Mutation(() => RecallNotice, {
    description: "The holder acknowledges a recall notice it received (once; acknowledging again changes nothing).",
  })
  async acknowledgeRecallNotice(
    @Arg("id", () => String) id: string,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<RecallNotice> {
    return toRecallNotice(await ctx.services.recallNotices.acknowledge(id, note ?? null, ctx.principal));
  }
}
