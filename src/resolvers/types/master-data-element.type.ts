import { Field, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSON, GraphQLJSONObject } from "graphql-scalars";

@ObjectType({
  simpleResolvers: true,
  description:
    "An EPCIS master data element (a vocabulary element of `epcisHeader.epcisMasterData`): a location's name and " +
    "address, a party's name, a product class's data; linked to the organisation, location or object it describes.",
})
export class MasterDataElement {
  @Field(() => String, { description: "Vocabulary type, `urn:epcglobal:epcis:vtype:BusinessLocation`, `…:Party`, …" })
  vtype!: string;

  @Field(() => String, { description: "The element's id as last captured." })
  id!: string;

  @Field(() => String, { description: "Its canonical key (GS1 identifiers in any spelling meet)." })
  key!: string;

  @Field(() => String, { nullable: true, description: "From the CBV `name` (or description) attribute." })
  name!: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The CBV address attributes found: streetAddressOne, city, state, postalCode, countryCode, …",
  })
  address!: Record<string, unknown> | null;

  @Field(() => [GraphQLJSON], { description: "Every attribute exactly as captured: `{ id, attribute }`." })
  attributes!: Record<string, unknown>[];

  @Field(() => [String], { description: "Keys of its children (a site's sub-locations)." })
  children!: string[];

  @Field(() => String, { nullable: true, description: "The organisation a Party element names (by id, USCC or GLN)." })
  organizationId!: string | null;

  @Field(() => String, { nullable: true, description: "The registered location a location element describes." })
  locationId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The object (product class, lot) an EPCClass element describes.",
  })
  objectKey!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When it was last captured." })
  updatedAt!: Date | null;
}
