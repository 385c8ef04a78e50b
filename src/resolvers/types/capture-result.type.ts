import { Field, Int, ObjectType } from "type-graphql";
import { CaptureError } from "./capture-error.type.js";

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
