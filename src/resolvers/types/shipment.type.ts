import { Field, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

@ObjectType({
  simpleResolvers: true,
  description: "A recorded shipment: SHIPPED_TO flow edges from each object to the destination.",
})
export class Shipment {
  @Field(() => String)
  id!: string;

  @Field(() => String, { description: "`native:shipment:{id}`, the provenance of its flow edges." })
  eventId!: string;

  @Field(() => [String], { description: "Canonical keys of the shipped objects." })
  codes!: string[];

  @Field(() => String)
  fromOrganizationId!: string;

  @Field(() => String)
  toOrganizationId!: string;

  @Field(() => GraphQLDateTime)
  shippedAt!: Date;

  @Field(() => Boolean, { description: "True when this shipment id was recorded before (nothing new written)." })
  duplicate!: boolean;
}
