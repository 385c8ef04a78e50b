import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { AppContext } from "../server/context.js";
import type { AlertRecord } from "../graph/alert.repository.js";
import { Organization } from "./types/organization.type.js";
import {
  DiversionAlert,
  DiversionAlertConnection,
  DiversionFilter,
  type DiversionRule,
} from "./types/diversion.type.js";

/** Shapes a stored alert for GraphQL; the organisation is resolved by the field resolver through the loader. */
export function toDiversionAlert(alert: AlertRecord): DiversionAlert {
  return {
    ...alert,
    rule: alert.rule as DiversionRule,
    scannedAt: new Date(alert.scannedAt),
    responsibleOrganization: null,
  };
}

@Resolver(() => DiversionAlert)
export class DiversionResolver {
  @Query(() => DiversionAlertConnection, { description: "防窜 alerts, newest first, keyset-paginated." })
  async diversionAlerts(
    @Arg("filter", () => DiversionFilter, { nullable: true }) filter: DiversionFilter | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<DiversionAlertConnection> {
    const page = await ctx.services.diversionService.list(filter, first, after);
    return {
      edges: page.alerts.map((alert, i) => ({ cursor: page.cursors[i] ?? "", node: toDiversionAlert(alert) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
    };
  }

  @FieldResolver(() => Organization, { nullable: true })
  async responsibleOrganization(@Root() alert: DiversionAlert, @Ctx() ctx: AppContext): Promise<Organization | null> {
    if (!alert.responsibleOrgId) return null;
    return (await ctx.loaders.organization.load(alert.responsibleOrgId)) as Organization | null;
  }
}
