import { Field, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";

/** What every audited change records, a batch's or a product's: when, who, why, and each field before/after. */
@ObjectType({ description: "One audited change: when, who, why, and each field before/after." })
export abstract class AuditedChange {
  @Field(() => String)
  id!: string;

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
}
