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

@ObjectType({
  simpleResolvers: true,
  description: "What a capture wrote. An invalid document is rejected whole with BAD_USER_INPUT.",
})
export class CaptureResult {
  @Field(() => [String], { description: "Every event's id in document order: its eventID or computed event hash." })
  eventIds!: string[];

  @Field(() => Int, { description: "Events written by this call." })
  accepted!: number;

  @Field(() => Int, { description: "Events already captured earlier (same eventID or event hash), skipped." })
  duplicates!: number;

  @Field(() => Int, { description: "Diversion alerts raised by market scans among the events." })
  alerts!: number;

  @Field(() => [CaptureError])
  errors!: CaptureError[];
}
