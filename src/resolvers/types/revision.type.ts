import { Field, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";

@ObjectType({
  simpleResolvers: true,
  description: "One audited change of a batch's trace info: when, who, why, and each field before/after.",
})
export class Revision {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  batchId!: string;

  @Field(() => GraphQLDateTime)
  at!: Date;

  @Field(() => String)
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: "The credential that made the change (API key id, `jwt:<sub>`, or `env:ADMIN_API_KEY`).",
  })
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

  @Field(() => Boolean, { description: "A correction made after release (出厂), via correctReleasedBatch." })
  correction!: boolean;

  @Field(() => Boolean, { description: "Flagged for internal audit (内部审核)." })
  auditRequired!: boolean;

  @Field(() => Boolean, { description: "Made after the batch's first code was issued." })
  afterCodeIssuance!: boolean;
}
