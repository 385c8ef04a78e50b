import { Field, InputType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

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
