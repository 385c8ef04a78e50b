import { Arg, Args, Ctx, Query, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import { TraceGraph } from "./types/trace-graph.type.js";
import { TraceObject } from "./types/trace-object.type.js";
import { TraceArgs } from "./types/trace.args.js";

@Resolver()
export class TraceResolver {
  @Query(() => TraceObject, {
    nullable: true,
    description: "Resolve any accepted spelling of an identifier. Null when unknown.",
  })
  async resolveCode(@Arg("code", () => String) code: string, @Ctx() ctx: AppContext): Promise<TraceObject | null> {
    return ctx.services.traceService.resolve(code, ctx.principal);
  }

  @Query(() => TraceGraph, {
    description: "来源可查: every object the root came from, and the organisations on the way.",
  })
  async upstream(@Args(() => TraceArgs) args: TraceArgs, @Ctx() ctx: AppContext): Promise<TraceGraph> {
    return ctx.services.traceService.trace("UPSTREAM", args, ctx.principal);
  }

  @Query(() => TraceGraph, {
    description: "去向可追: every object the root went into, and the organisations it reached.",
  })
  async downstream(@Args(() => TraceArgs) args: TraceArgs, @Ctx() ctx: AppContext): Promise<TraceGraph> {
    return ctx.services.traceService.trace("DOWNSTREAM", args, ctx.principal);
  }
}
