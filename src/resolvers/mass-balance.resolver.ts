import { Arg, Ctx, Float, ID, Mutation, Query, Resolver } from "type-graphql";
import { BatchMassBalance } from "./types/batch-mass-balance.type.js";
import type { AppContext } from "./context.js";
import { MassBalance } from "./types/mass-balance.type.js";
import { ChildCodeInput } from "./types/trace-code.input.js";
import { TraceObject } from "./types/trace-object.type.js";
import type { ObjectKind } from "../trace/flow-kinds.js";

@Resolver(() => MassBalance)
export class MassBalanceResolver {
  @Mutation(() => TraceObject, {
    description:
      "组合多码 / 子母码: put children into a bundle or segments into a mother code. `parentLength` is in the parent's " +
      "unit (its batch's length unit, else the children's, else m); by default the batch's quantity.",
  })
  async linkCodes(
    @Arg("parentCode", () => String) parentCode: string,
    @Arg("children", () => [ChildCodeInput]) children: ChildCodeInput[],
    @Arg("parentLength", () => Float, { nullable: true }) parentLength: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<TraceObject> {
    const parent = await ctx.services.producer.links.linkCodes(
      parentCode,
      children,
      parentLength ?? null,
      ctx.principal,
    );
    ctx.loaders.object.clear(parent.key);
    return { ...parent, kind: parent.kind as ObjectKind };
  }

  @Query(() => BatchMassBalance, {
    description: "A batch's mother codes against its quantity: their lengths added up, and what is left.",
  })
  async batchMassBalance(@Arg("batchId", () => ID) batchId: string, @Ctx() ctx: AppContext): Promise<BatchMassBalance> {
    return ctx.services.producer.links.batchMassBalance(batchId, ctx.principal);
  }

  @Query(() => MassBalance, { description: "A mother code's length, what its segments take, and what is left." })
  async massBalance(@Arg("code", () => String) code: string, @Ctx() ctx: AppContext): Promise<MassBalance> {
    return ctx.services.producer.links.massBalance(code, ctx.principal);
  }
}
