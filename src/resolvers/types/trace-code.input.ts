import { Length } from "class-validator";
import { Field, Float, InputType } from "type-graphql";
import type { ChildCodeRequest } from "../../producer/producer-requests.js";

@InputType({ description: "A member of a bundle (组合码), or a segment of a mother code (子码) with its range." })
export class ChildCodeInput implements ChildCodeRequest {
  @Field(() => String)
  @Length(1, 300)
  code!: string;

  @Field(() => Float, { nullable: true })
  segmentStart?: number | null;

  @Field(() => Float, { nullable: true })
  segmentEnd?: number | null;

  @Field(() => String, { nullable: true, description: "Unit of the range; default the parent's (m, km, 米, 千米)." })
  unit?: string | null;
}
