import { Ctx, Query, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import { Viewer } from "./types/viewer.type.js";

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: "Who is calling: the role and organisation of this request's credential." })
  async viewer(@Ctx() ctx: AppContext): Promise<Viewer> {
    const { role, organizationId } = ctx.principal;
    const organization = organizationId
      ? await ctx.services.organizationService.organizationFor(organizationId, ctx.principal)
      : null;
    return { role, organizationId, organization };
  }
}
