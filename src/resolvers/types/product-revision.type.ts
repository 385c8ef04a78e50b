import { Field, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";

@ObjectType({
  simpleResolvers: true,
  description: "One audited correction of a product's basic info: when, who, why, and each field before/after.",
})
export class ProductRevision {
  @Field(() => String)
  id!: string;

  @Field(() => GraphQLDateTime)
  at!: Date;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { nullable: true, description: "The credential that made the change." })
  actor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The organisation the credential acts for; null for the operator.",
  })
  actorOrganizationId!: string | null;

  @Field(() => String, { nullable: true, description: "An operator's name given with the change, as a note." })
  note!: string | null;

  @Field(() => GraphQLJSONObject, { description: "`{ field: { before, after } }` for each changed field." })
  changes!: Record<string, unknown>;
}
