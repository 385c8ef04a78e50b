import { Field, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Public contact shown on consumer pages." })
export class OrganizationContact {
  @Field(() => String, { nullable: true })
  servicePhone!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;
}
