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

  @Mutation(() => Int, { description: "Mark codes PRINTED, by code or for a whole batch; returns how many changed." })
  async markCodesPrinted(
    @Arg("codes", () => [String], { defaultValue: [] }) codes: string[],
    @Arg("batchId", () => ID, { nullable: true }) batchId: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<number> {
    return ctx.services.producer.codes.markCodesPrinted(codes, batchId ?? null, ctx.principal);
  }

  @FieldResolver(() => String, { description: "The QR symbol of `url` as an SVG document." })
  async qrSvg(@Root() code: TraceCode, @Ctx() ctx: AppContext): Promise<string> {
    return ctx.services.producer.codes.qrSvg(code);
  }
}
