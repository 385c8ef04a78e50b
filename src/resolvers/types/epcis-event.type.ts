import { Field, InputType, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";
import { Connection, Edge } from "./connection.type.js";

@ObjectType({ simpleResolvers: true, description: "A captured EPCIS event, as it came in (with its eventID)." })
export class EpcisEventNode {
  @Field(() => String)
  eventId!: string;

  @Field(() => GraphQLDateTime)
  eventTime!: Date;

  @Field(() => GraphQLJSONObject)
  event!: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true })
export class EpcisEventEdge extends Edge(EpcisEventNode) {}

@ObjectType({ simpleResolvers: true })
export class EpcisEventConnection extends Connection(EpcisEventEdge) {}

@InputType({ description: "The EPCIS 2.0 query interface's common parameters; they combine with AND." })
export class EpcisEventFilter {
  @Field(() => [String], { nullable: true })
  EQ_eventID?: string[];

  @Field(() => [String], { nullable: true })
  eventType?: string[];

  @Field(() => GraphQLDateTime, { nullable: true })
  GE_eventTime?: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  LT_eventTime?: Date;

  @Field(() => [String], { nullable: true, description: "CBV short names or URIs." })
  EQ_bizStep?: string[];

  @Field(() => [String], { nullable: true })
  EQ_bizLocation?: string[];

  @Field(() => [String], { nullable: true })
  MATCH_epc?: string[];

  @Field(() => [String], { nullable: true })
  MATCH_anyEPC?: string[];

  @Field(() => [String], { nullable: true })
  MATCH_epcClass?: string[];
}
