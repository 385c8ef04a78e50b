import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import type { AppContext } from "../server/context.js";
import { CaptureResult } from "./types/capture.type.js";
import { EpcisEventConnection, EpcisEventFilter } from "./types/epcis-event.type.js";

@Resolver()
export class EpcisResolver {
  @Mutation(() => CaptureResult, {
    description: "Capture an EPCIS 2.0 JSON / JSON-LD document. Idempotent by eventID.",
  })
  async captureEpcis(
    @Arg("document", () => GraphQLJSONObject) document: Record<string, unknown>,
    @Ctx() ctx: AppContext,
  ): Promise<CaptureResult> {
    const outcome = await ctx.services.captureService.capture(document);
    ctx.loaders.object.clearAll();
    return outcome;
  }

  @Query(() => EpcisEventConnection, { description: "Captured events, filtered as EPCIS queries are, by eventTime." })
  async events(
    @Arg("filter", () => EpcisEventFilter, { nullable: true }) filter: EpcisEventFilter | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<EpcisEventConnection> {
    const { GE_eventTime, LT_eventTime, ...lists } = filter ?? {};
    const page = await ctx.services.eventQueries.page(
      { ...lists, GE_eventTime: GE_eventTime?.toISOString(), LT_eventTime: LT_eventTime?.toISOString() },
      first,
      after,
    );
    const edges = page.events.map((stored, i) => ({
      cursor: page.cursors[i] ?? "",
      node: { eventId: stored.eventId, eventTime: new Date(stored.eventTime), event: stored.event },
    }));
    return { edges, pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: page.nextCursor } };
  }
}
