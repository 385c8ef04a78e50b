import { Field, ID, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { AccessRole } from "../../access/access-role.js";

@ObjectType({ simpleResolvers: true, description: "An API key as stored: never its secret." })
export class ApiKey {
  @Field(() => ID, { description: "The public id the key carries; revokeApiKey takes it." })
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { description: "Canonical id of the organisation the key acts for." })
  organizationId!: string;

  @Field(() => AccessRole)
  role!: AccessRole;

  @Field(() => GraphQLDateTime)
  createdAt!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: "Refused from this instant on; null: never expires." })
  expiresAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  revokedAt!: string | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: "Last authenticated use, to the minute: recorded at most once a minute.",
  })
  lastUsedAt!: string | null;
}
