import { Args, Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { AppContext } from "./context.js";
import { RecallObjectsPageArgs } from "./types/page.args.js";
import { RecallImpact } from "./types/recall-impact.type.js";
import { TraceObjectConnection } from "./types/trace-object-connection.type.js";

@Resolver(() => RecallImpact)
export class RecallResolver {
  @Query(() => RecallImpact, { description: "Everything a recall of `code` reaches (downstream objects and holders)." })
  async recallImpact(@Arg("code", () => String) code: string, @Ctx() ctx: AppContext): Promise<RecallImpact> {
    return ctx.services.recallService.impact(code, ctx.principal);
  }

  @FieldResolver(() => TraceObjectConnection, { description: "Every affected object, keyset-paginated by key." })
  async objects(
    @Root() impact: RecallImpact,
    @Args(() => RecallObjectsPageArgs) { first, after }: RecallObjectsPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<TraceObjectConnection> {
    return ctx.services.recallService.objects(impact, first, after ?? null);
  }
}
