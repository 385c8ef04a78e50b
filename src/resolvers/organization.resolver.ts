import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { isUsccKey } from "../registry/organization-identifier.js";
import type { AppContext } from "./context.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import { Organization } from "./types/organization.type.js";
import { OrganizationInput } from "./types/organization.input.js";
import { Location } from "./types/location.type.js";
import { LocationInput } from "./types/location.input.js";
import { ListPageArgs } from "./types/page.args.js";
import { OrganizationConnection } from "./types/organization-connection.type.js";
import { OrganizationListFilter } from "./types/organization-list-filter.input.js";
import { LocationConnection } from "./types/location-connection.type.js";
import { LocationListFilter } from "./types/location-list-filter.input.js";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: "An organisation by any accepted spelling of its id." })
  async organization(@Arg("id", () => String) id: string, @Ctx() ctx: AppContext): Promise<Organization | null> {
    return ctx.services.organizationService.organizationFor(canonicalOrganizationId(id, "id"), ctx.principal);
  }

  @Query(() => OrganizationConnection, {
    description: "Organisations in id order: a party sees itself and its counterparts; ADMIN and REGULATOR all.",
  })
  async organizationList(
    @Arg("filter", () => OrganizationListFilter, { nullable: true }) filter: OrganizationListFilter | null,
    @Args(() => ListPageArgs) { first, after }: ListPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<OrganizationConnection> {
    return ctx.services.organizationService.organizations(filter, first, after, ctx.principal);
  }

  @Query(() => LocationConnection, {
    description: "Locations in id order: those of organisations the party may see; ADMIN and REGULATOR all.",
  })
  async locationList(
    @Arg("filter", () => LocationListFilter, { nullable: true }) filter: LocationListFilter | null,
    @Args(() => ListPageArgs) { first, after }: ListPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<LocationConnection> {
    return ctx.services.organizationService.locations(filter, first, after, ctx.principal);
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

  @Mutation(() => Organization, {
    description:
      "Add further identifiers (its USCC, its party GLNs) to an organisation, so any of them names it: ADMIN or the " +
      "organisation itself; idempotent; one of another organisation is CONFLICT.",
  })
  async addOrganizationIdentifiers(
    @Arg("organizationId", () => String) organizationId: string,
    @Arg("identifiers", () => [String]) identifiers: string[],
    @Ctx() ctx: AppContext,
  ): Promise<Organization> {
    const org = await ctx.services.organizationService.addOrganizationIdentifiers(
      { organizationId, identifiers },
      ctx.principal,
    );
    ctx.loaders.organization.clearAll();
    return org;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Its unified social credit code (`uscc:` + USCC): its id or one of its identifiers.",
  })
  uscc(@Root() org: Organization): string | null {
    return [org.id, ...org.identifiers].find(isUsccKey) ?? null;
  }

  @FieldResolver(() => [String], { description: "Its party GLNs as canonical keys (`https://id.gs1.org/417/{gln}`)." })
  glns(@Root() org: Organization): string[] {
    return [org.id, ...org.identifiers].filter((key) => key.startsWith("https://id.gs1.org/417/"));
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
