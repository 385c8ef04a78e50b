import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { AppContext } from "./context.js";
import { MasterDataElement } from "./types/master-data-element.type.js";
import { Location } from "./types/location.type.js";

@Resolver(() => MasterDataElement)
export class MasterDataResolver {
  @Query(() => MasterDataElement, {
    nullable: true,
    description:
      "An EPCIS master data element by vocabulary type (`urn:epcglobal:epcis:vtype:ReadPoint`, `BusinessLocation`, " +
      "`Party`, `EPCClass`, or the short name) and id in any spelling (a Party also by the id or any identifier of the " +
      "organisation it names); null when unknown or not visible to the caller.",
  })
  async masterData(
    @Arg("type", () => String) type: string,
    @Arg("id", () => String) id: string,
    @Ctx() ctx: AppContext,
  ): Promise<MasterDataElement | null> {
    return ctx.services.masterData.element(type, id, ctx.principal);
  }
}

@Resolver(() => Location)
export class LocationMasterDataResolver {
  @FieldResolver(() => [MasterDataElement], {
    description: "EPCIS ReadPoint / BusinessLocation master data of this location (name, address, children).",
  })
  async masterData(@Root() location: Location, @Ctx() ctx: AppContext): Promise<MasterDataElement[]> {
    return ctx.services.masterData.ofLocation(location.id);
  }
}
