import { Arg, Ctx, Mutation, Query, Resolver, Args } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import type { AppContext } from "./context.js";
import { CaptureResult } from "./types/capture-result.type.js";
import { EpcisEventConnection } from "./types/epcis-event-connection.type.js";
import { EpcisEventFilter } from "./types/epcis-event-filter.input.js";
import { EventPageArgs } from "./types/page.args.js";

@Resolver()
export class EpcisResolver {
  @Mutation(() => CaptureResult, {
    description: "Capture an EPCIS 2.0 JSON / JSON-LD document. Idempotent by eventID.",
  })
  async captureEpcis(
    @Arg("document", () => GraphQLJSONObject) document: Record<string, unknown>,
    @Ctx() ctx: AppContext,
  ): Promise<CaptureResult> {
    const outcome = await ctx.services.captureService.capture(document, ctx.principal);
    ctx.loaders.object.clearAll();
    return outcome;
  }

  @Query(() => EpcisEventConnection, {
    description: "EPCIS events, captured and native, filtered as EPCIS queries are, by eventTime.",
  })
  async events(
    @Arg("filter", () => EpcisEventFilter, { nullable: true }) filter: EpcisEventFilter | null,
    @Args(() => EventPageArgs) { first, after }: EventPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<EpcisEventConnection> {
    return ctx.services.eventQueries.connection(filter, first, after ?? null, ctx.principal);
  }
}
