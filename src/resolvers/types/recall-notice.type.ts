import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

@ObjectType({
  simpleResolvers: true,
  description:
    "召回通知: sent to an organisation holding goods of a recalled batch, with what to do; it acknowledges it.",
})
export class RecallNotice {
  @Field(() => String)
  id!: string;

  @Field(() => String, { description: "The recalled batch." })
  batchId!: string;

  @Field(() => String, { description: "The maker that recalled it." })
  manufacturerId!: string;

  @Field(() => String, { description: "The organisation the notice was sent to." })
  holderId!: string;

  @Field(() => String, { nullable: true })
  holderName!: string | null;

  @Field(() => String, { description: "The recall's reason." })
  reason!: string;

  @Field(() => String, { description: "What the holder is to do." })
  instructions!: string;

  @Field(() => [String], { description: "The affected objects shipped to the holder (the first 1,000)." })
  objectKeys!: string[];

  @Field(() => Int, { description: "How many affected objects were shipped to the holder." })
  objectCount!: number;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When the holder acknowledged it; null until then." })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The credential that acknowledged it." })
  acknowledgedBy!: string | null;

  @Field(() => String, { nullable: true, description: "The holder's note with its acknowledgement." })
  note!: string | null;
}
