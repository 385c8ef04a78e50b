import { ArrayMaxSize, ArrayMinSize, Length } from "class-validator";
import { Field, InputType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import type { ShipmentRequest } from "../../producer/producer-requests.js";

@InputType({ description: "Goods (by their codes) shipped from one registered organisation to another." })
export class ShipmentInput implements ShipmentRequest {
  @Field(() => [String], { description: "Trace codes or GS1 keys of what was shipped (items, lots, containers)." })
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  codes!: string[];

  @Field(() => String)
  fromOrganizationId!: string;

  @Field(() => String)
  toOrganizationId!: string;

  @Field(() => GraphQLDateTime)
  shippedAt!: Date;

  @Field(() => String, { nullable: true, description: "Your id for this shipment: recording it again is a no-op." })
  @Length(1, 100)
  shipmentId?: string | null;
}
