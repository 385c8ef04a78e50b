import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Args } from "type-graphql";
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
    history: alert.history.map((step) => ({ ...step, at: new Date(step.at) })),
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

  @Mutation(() => DiversionAlert, { description: "Acknowledge an OPEN alert: someone is looking into it." })
  async acknowledgeAlert(
    @Arg("id", () => String) id: string,
    @Arg("note", () => String) note: string,
    @Ctx() ctx: AppContext,
  ): Promise<DiversionAlert> {
    return toDiversionAlert(await ctx.services.diversionService.transition(id, "ACKNOWLEDGED", note, ctx.principal));
  }

  @Mutation(() => DiversionAlert, { description: "Resolve an OPEN or ACKNOWLEDGED alert: it is explained." })
  async resolveAlert(
    @Arg("id", () => String) id: string,
    @Arg("note", () => String) note: string,
    @Ctx() ctx: AppContext,
  ): Promise<DiversionAlert> {
    return toDiversionAlert(await ctx.services.diversionService.transition(id, "RESOLVED", note, ctx.principal));
  }

  @Mutation(() => DiversionAlert, { description: "Dismiss an OPEN or ACKNOWLEDGED alert: not worth following." })
  async dismissAlert(
    @Arg("id", () => String) id: string,
    @Arg("note", () => String) note: string,
    @Ctx() ctx: AppContext,
  ): Promise<DiversionAlert> {
    return toDiversionAlert(await ctx.services.diversionService.transition(id, "DISMISSED", note, ctx.principal));
  }

  @FieldResolver(() => Organization, { nullable: true })
  async responsibleOrganization(@Root() alert: DiversionAlert, @Ctx() ctx: AppContext): Promise<Organization | null> {
    if (!alert.responsibleOrgId) return null;
    return ctx.loaders.organization.load(alert.responsibleOrgId);
  }
}
