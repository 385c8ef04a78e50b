import { Field, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { AuditFindingState } from "../../producer/audit-finding.service.js";

registerEnumType(AuditFindingState, {
  name: "AuditFindingState",
  description: "OPEN until its maker closes it with a conclusion; CLOSED for good.",
});

@ObjectType({
  simpleResolvers: true,
  description: "内部审核: a finding opened by an audited change (a correction after release, a recall).",
})
export class AuditFinding {
  @Field(() => String)
  id!: string;

  @Field(() => String, { description: "What is to be looked into." })
  text!: string;

  @Field(() => String, { nullable: true, description: "Who follows it up (a name or a credential)." })
  owner!: string | null;

  @Field(() => AuditFindingState)
  state!: AuditFindingState;

  @Field(() => String)
  manufacturerId!: string;

  @Field(() => String)
  batchId!: string;

  @Field(() => String, { nullable: true, description: "The revision that opened it (see Batch.revisions)." })
  revisionId!: string | null;

  @Field(() => GraphQLDateTime)
  openedAt!: Date;

  @Field(() => String, { nullable: true, description: "The credential whose change opened it." })
  openedBy!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The credential that closed it." })
  closedBy!: string | null;

  @Field(() => String, { nullable: true, description: "The organisation the closing credential acted for." })
  closedByOrganizationId!: string | null;

  @Field(() => String, { nullable: true })
  conclusion!: string | null;
}
