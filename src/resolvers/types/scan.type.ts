import { Field, ObjectType } from "type-graphql";
import { DiversionAlert } from "./diversion-alert.type.js";

@ObjectType({ simpleResolvers: true, description: "A recorded market scan and what it raised." })
export class ScanResult {
  @Field(() => [DiversionAlert], { description: "The diversion alerts this scan raised (empty when it is in order)." })
  alerts!: DiversionAlert[];

  @Field(() => String, { description: "`native:scan:{id}`." })
  eventId!: string;

  @Field(() => String, { description: "Canonical key of the scanned object." })
  objectKey!: string;

  @Field(() => Boolean, { description: "The scanned code was voided: the goods may be counterfeit or withdrawn." })
  voidCode!: boolean;

  @Field(() => [String])
  warnings!: string[];

  @Field(() => Boolean, { description: "True when this scan id was recorded before." })
  duplicate!: boolean;
}
