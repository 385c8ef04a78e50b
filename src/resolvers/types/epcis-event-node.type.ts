import { Field, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";

@ObjectType({
  simpleResolvers: true,
  description:
    "An EPCIS 2.0 event: a captured one as it came in (with its eventID), a native one (batch, codes, links, shipments, scans, releases, recalls, voids) as the EPCIS event it is.",
})
export class EpcisEventNode {
  @Field(() => String)
  eventId!: string;

  @Field(() => GraphQLDateTime)
  eventTime!: Date;

  @Field(() => GraphQLJSONObject)
  event!: Record<string, unknown>;
}
