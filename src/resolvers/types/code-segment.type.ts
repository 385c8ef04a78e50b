import { Field, Float, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "A child segment of a mother code (子码)." })
export class CodeSegment {
  @Field(() => String)
  code!: string;

  @Field(() => Float)
  start!: number;

  @Field(() => Float)
  end!: number;

  @Field(() => String)
  unit!: string;
}
