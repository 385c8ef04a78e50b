import { Arg, Ctx, FieldResolver, Query, Resolver, Root, Args } from "type-graphql";
import type { AppContext } from "./context.js";
import type { AlertRecord } from "../diversion/diversion.service.js";
import { Organization } from "./types/organization.type.js";
import { DiversionAlert } from "./types/diversion-alert.type.js";
import { DiversionAlertConnection } from "./types/diversion-alert-connection.type.js";
import { DiversionFilter } from "./types/diversion-filter.input.js";
import { AlertPageArgs } from "./types/page.args.js";

/** Shapes a stored alert for GraphQL; the organisation is resolved by the field resolver through the loader. */
export function toDiversionAlert(alert: AlertRecord): DiversionAlert {
  return {
    ...alert,
    scannedAt: new Date(alert.scannedAt),
    responsibleOrganization: null,
  };
}

@Resolver(() => DiversionAlert)
export class DiversionResolver {
  @Query(() => DiversionAlertConnection, { description: "防窜 alerts, newest first, keyset-paginated." })
  async diversionAlerts(
    @Arg("filter", () => DiversionFilter, { nullable: true }) filter: DiversionFilter | null,
    @Args(() => AlertPageArgs) { first, after }: AlertPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<DiversionAlertConnection> {
    const page = await ctx.services.diversionService.list(filter, first, after ?? null, ctx.principal);
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: toDiversionAlert(edge.node) })) };
  }

  @FieldResolver(() => Organization, { nullable: true })
  async responsibleOrganization(@Root() alert: DiversionAlert, @Ctx() ctx: AppContext): Promise<Organization | null> {
    if (!alert.responsibleOrgId) return null;
    return ctx.loaders.organization.load(alert.responsibleOrgId);
  }
}
