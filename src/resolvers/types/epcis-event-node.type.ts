import { Field, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";

@ObjectType({ simpleResolvers: true, description: "A captured EPCIS event, as it came in (with its eventID)." })
export class EpcisEventNode {
  @Field(() => String)
  eventId!: string;

  @Field(() => GraphQLDateTime)
  eventTime!: Date;

  @Field(() => GraphQLJSONObject)
  event!: Record<string, unknown>;
}
