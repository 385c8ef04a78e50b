import { Field, Float, ObjectType } from "type-graphql";
import { CodeSegment } from "./code-segment.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "Mass balance of a mother code (子母码): its length and how much is given to segments.",
})
export class MassBalance {
  @Field(() => String)
  code!: string;

  @Field(() => Float, { nullable: true, description: "Null when the parent's length is unknown." })
  totalLength!: number | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => Float)
  allocated!: number;

  @Field(() => Float, { nullable: true })
  unallocated!: number | null;

  @Field(() => [CodeSegment], { description: "Segments in order along the parent." })
  segments!: CodeSegment[];
}
