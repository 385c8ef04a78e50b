import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { AppContext } from "../server/context.js";
import { decodeCursor, encodeCursor } from "../graph/cursor.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { PREFETCHED_OBJECTS } from "../graph/recall.queries.js";
import type { ObjectKind } from "./types/trace.type.js";
import { ImpactTier, type ImpactedOrganization, RecallImpact, TraceObjectConnection } from "./types/recall.type.js";

@Resolver(() => RecallImpact)
export class RecallResolver {
  @Query(() => RecallImpact, { description: "Everything a recall of `code` reaches (downstream objects and holders)." })
  async recallImpact(@Arg("code", () => String) code: string, @Ctx() ctx: AppContext): Promise<RecallImpact> {
    // The organisations come whole from the recall statement: no loader round trip. Stored roles are OrgRole values.
    const impact = await ctx.services.recallService.impact(code);
    return { ...impact, organizations: impact.organizations as ImpactedOrganization[] };
  }

  @FieldResolver(() => TraceObjectConnection, { description: "Every affected object, keyset-paginated by key." })
  async objects(
    @Root() impact: RecallImpact,
    @Arg("first", () => Int, { defaultValue: 100 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<TraceObjectConnection> {
    if (first < 1 || first > 1000) throw new BadUserInputError("first must be from 1 to 1000", { field: "first" });
    const afterKey = after ? String(decodeCursor(after, 1)[0]) : null;
    // The first page usually came with the counts; later pages and larger ones are read on their own.
    const rows =
      afterKey === null && first < PREFETCHED_OBJECTS
        ? impact.firstObjects.slice(0, first + 1)
        : await ctx.services.recallService.objectsPage(impact.root, first, afterKey);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return {
      edges: page.map((row) => ({
        cursor: encodeCursor([row.key]),
        node: { key: row.key, kind: row.kind as ObjectKind, details: row.details },
        tier: row.certain ? ImpactTier.CERTAIN : ImpactTier.POSSIBLE,
      })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.key]) : null },
      totalCount: impact.totalCount,
    };
  }
}
