import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Why one event (or the document, index null) was rejected." })
export class CaptureError {
  @Field(() => Int, { nullable: true, description: "Position in epcisBody.eventList; null for the document." })
  index!: number | null;

  @Field(() => String, { nullable: true })
  eventID!: string | null;

  @Field(() => String, { description: "SCHEMA, UNKNOWN_VOCABULARY, BAD_IDENTIFIER, UNDECLARED_NAMESPACE, ..." })
  code!: string;

  @Field(() => String)
  message!: string;
}
