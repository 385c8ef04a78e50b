import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import { Organization } from "./types/organization.type.js";
import { OrganizationInput } from "./types/organization.input.js";
import { Location } from "./types/location.type.js";
import { LocationInput } from "./types/location.input.js";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: "An organisation by any accepted spelling of its id." })
  async organization(@Arg("id", () => String) id: string, @Ctx() ctx: AppContext): Promise<Organization | null> {
    return ctx.services.organizationService.organizationFor(canonicalOrganizationId(id, "id"), ctx.principal);
  }

  @Mutation(() => Organization, { description: "Register or update an organisation (idempotent by id)." })
  async upsertOrganization(
    @Arg("input", () => OrganizationInput) input: OrganizationInput,
    @Ctx() ctx: AppContext,
  ): Promise<Organization> {
    const org = await ctx.services.organizationService.upsertOrganization(input, ctx.principal);
    ctx.loaders.organization.clear(org.id);
    return org;
  }

  @Mutation(() => Location, { description: "Register or update a location with its region (idempotent by id)." })
  async upsertLocation(
    @Arg("input", () => LocationInput) input: LocationInput,
    @Ctx() ctx: AppContext,
  ): Promise<Location> {
    const location = await ctx.services.organizationService.upsertLocation(input, ctx.principal);
    ctx.loaders.location.clear(location.id);
    return location;
  }
}
