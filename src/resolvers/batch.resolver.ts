import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Args } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import type { AppContext } from "./context.js";
import { OperatorNoteArg } from "./types/operator-note.arg.js";
import { Batch } from "./types/batch.type.js";
import { BatchBasicsInput } from "./types/batch-basics.input.js";
import { BatchInput } from "./types/batch.input.js";
import { TraceCodeConnection } from "./types/trace-code-connection.type.js";
import { TraceCodeType } from "../codes/index.js";
import { CodePageArgs, ListPageArgs } from "./types/page.args.js";
import { BatchConnection } from "./types/batch-connection.type.js";
import { BatchListFilter } from "./types/batch-list-filter.input.js";
import { CodeStatus } from "../producer/producer-enums.js";

@Resolver(() => Batch)
export class BatchResolver {
  @Mutation(() => Batch, {
    description: "Record a batch; its basic trace info is checked for completeness and accuracy.",
  })
  async createBatch(@Arg("input", () => BatchInput) input: BatchInput, @Ctx() ctx: AppContext): Promise<Batch> {
    return ctx.services.producer.batches.createBatch(input, ctx.principal);
  }

  @Query(() => Batch, { description: "A batch by id; NOT_FOUND when unknown." })
  async batch(@Arg("id", () => ID) id: string, @Ctx() ctx: AppContext): Promise<Batch> {
    return ctx.services.producer.batches.batchFor(id, ctx.principal);
  }

  @Query(() => BatchConnection, {
    description:
      "Batches in id order: a maker's own and those a party may see (API-CONTRACT §6); all for ADMIN, REGULATOR.",
  })
  async batchList(
    @Arg("filter", () => BatchListFilter, { nullable: true }) filter: BatchListFilter | null,
    @Args(() => ListPageArgs) { first, after }: ListPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<BatchConnection> {
    return ctx.services.producer.batches.list(filter, first, after, ctx.principal);
  }

  @Mutation(() => Batch, {
    description: "Change extended info until release; each change is a Revision. A `null` value removes a field.",
  })
  async updateBatchInfo(
    @Arg("batchId", () => ID) batchId: string,
    @Arg("extended", () => GraphQLJSONObject) extended: Record<string, unknown>,
    @Arg("reason", () => String) reason: string,
    @OperatorNoteArg() note: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<Batch> {
    return ctx.services.producer.batches.updateBatchInfo({ batchId, extended, reason, note }, ctx.principal);
  }

  @Mutation(() => Batch, {
    description:
      "Correct basic info (基本信息) until release, with the checks of createBatch; each change is a Revision with before and after. A 待检 batch becomes 合格 here.",
  })
  async updateBatchBasics(
    @Arg("batchId", () => ID) batchId: string,
    @Arg("input", () => BatchBasicsInput) input: BatchBasicsInput,
    @Arg("reason", () => String) reason: string,
    @OperatorNoteArg() note: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<Batch> {
    return ctx.services.producer.batches.updateBatchBasics({ batchId, patch: input, reason, note }, ctx.principal);
  }

  @Mutation(() => Batch, {
    description: "出厂: needs inspection 合格; basic and extended info are frozen from here on; codes become ACTIVE.",
  })
  async releaseBatch(@Arg("batchId", () => ID) batchId: string, @Ctx() ctx: AppContext): Promise<Batch> {
    return ctx.services.producer.batches.releaseBatch(batchId, ctx.principal);
  }

  @Mutation(() => Batch, {
    description: "召回: mark a released batch RECALLED with a reason; its consumer page shows the recall notice.",
  })
  async recallBatch(
    @Arg("batchId", () => ID) batchId: string,
    @Arg("reason", () => String) reason: string,
    @OperatorNoteArg() note: string | null,
    @Arg("advice", () => String, {
      nullable: true,
      description:
        "What holders should do (退货、更换、维修…), shown on the consumer page; default: a standard advice.",
    })
    advice: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<Batch> {
    return ctx.services.producer.batches.recallBatch({ batchId, reason, note, advice }, ctx.principal);
  }

  @Mutation(() => Batch, {
    description: "Correct a released batch's extended info: a Revision flagged for internal audit (内部审核).",
  })
  async correctReleasedBatch(
    @Arg("batchId", () => ID) batchId: string,
    @Arg("extended", () => GraphQLJSONObject) extended: Record<string, unknown>,
    @Arg("reason", () => String) reason: string,
    @OperatorNoteArg() note: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<Batch> {
    return ctx.services.producer.batches.correctReleasedBatch({ batchId, extended, reason, note }, ctx.principal);
  }

  @FieldResolver(() => TraceCodeConnection, {
    description: "Codes issued under this batch, keyset-paginated by value.",
  })
  async codes(
    @Root() batch: Batch,
    @Arg("codeType", () => TraceCodeType, { nullable: true }) codeType: TraceCodeType | null,
    @Arg("status", () => CodeStatus, { nullable: true, description: "Only codes in this status." })
    status: CodeStatus | null,
    @Args(() => CodePageArgs) { first, after }: CodePageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<TraceCodeConnection> {
    const { codes } = ctx.services.producer;
    return codes.codesOfBatch(batch.id, codeType ?? null, first, after ?? null, ctx.principal, status ?? null);
  }
}
