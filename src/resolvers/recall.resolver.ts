import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { AppContext } from "../server/context.js";
import { decodeCursor, encodeCursor } from "../graph/cursor.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { PREFETCHED_OBJECTS } from "../graph/recall.queries.js";
import type { Organization } from "./types/organization.type.js";
import type { ObjectKind } from "./types/trace.type.js";
import { ImpactTier, ImpactedOrganization, RecallImpact, TraceObjectConnection } from "./types/recall.type.js";

@Resolver(() => RecallImpact)
export class RecallResolver {
  @Query(() => RecallImpact, { description: "Everything a recall of `code` reaches (downstream objects and holders)." })
  async recallImpact(@Arg("code", () => String) code: string, @Ctx() ctx: AppContext): Promise<RecallImpact> {
    const impact = await ctx.services.recallService.impact(code);
    for (const o of impact.organizations) ctx.loaders.organization.prime(o.orgId, o.organization);
    return { ...impact, organizations: [], organizationRows: impact.organizations };
  }

  @FieldResolver(() => [ImpactedOrganization])
  async organizations(@Root() impact: RecallImpact, @Ctx() ctx: AppContext): Promise<ImpactedOrganization[]> {
    const rows = impact.organizationRows;
    const orgs = await ctx.loaders.organization.loadMany(rows.map((o) => o.orgId));
    return rows.map((o, i) => ({
      organization: (orgs[i] instanceof Error || !orgs[i] ? emptyOrg(o.orgId) : orgs[i]) as Organization,
      objectCount: o.objectCount,
    }));
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

/** A party named only by events has no registration yet; it is still an organisation holding goods. */
function emptyOrg(id: string): Organization {
  return { id, name: null, roles: [], regionCode: null, authorizedRegions: [] };
}
