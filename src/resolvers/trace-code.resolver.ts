import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { AppContext } from "./context.js";
import { TraceCode } from "./types/trace-code.type.js";

@Resolver(() => TraceCode)
export class TraceCodeResolver {
  @Query(() => TraceCode, {
    nullable: true,
    description: "An issued code with its lifecycle status; null when unknown.",
  })
  async traceCode(@Arg("code", () => String) code: string, @Ctx() ctx: AppContext): Promise<TraceCode | null> {
    return ctx.services.producer.codes.traceCodeFor(code, ctx.principal);
  }

  @Mutation(() => TraceCode, { description: "Void a code (lost label, misprint, counterfeit); its scans are flagged." })
  async voidCode(
    @Arg("code", () => String) code: string,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: AppContext,
  ): Promise<TraceCode> {
    return ctx.services.producer.codes.voidCode(code, reason, ctx.principal);
  }

  @Mutation(() => Int, {
    description:
      "打印: mark the batch's GENERATED codes PRINTED, all of them or only `codes`; returns how many changed (0 when " +
      "repeated). Downloading labels or code lists never marks codes.",
  })
  async markCodesPrinted(
    @Arg("batchId", () => ID) batchId: string,
    @Arg("codes", () => [String], { nullable: true }) codes: string[] | null | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<number> {
    return ctx.services.producer.codes.markCodesPrinted(batchId, codes ?? null, ctx.principal);
  }

  @FieldResolver(() => String, { description: "The QR symbol of `url` as an SVG document." })
  async qrSvg(@Root() code: TraceCode, @Ctx() ctx: AppContext): Promise<string> {
    return ctx.services.producer.codes.qrSvg(code);
  }
}
