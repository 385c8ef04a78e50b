import { Field, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description: "A place where events happen: a plant, a warehouse, a shop. Scans take its region.",
})
export class Location {
  @Field(() => String, { description: "Canonical key: SGLN Digital Link, or the id as registered." })
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String)
  regionCode!: string;

  @Field(() => String, { nullable: true })
  organizationId!: string | null;
}
