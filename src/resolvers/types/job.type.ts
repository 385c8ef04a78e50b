import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { JobStatus } from "../../producer/producer-enums.js";

registerEnumType(JobStatus, { name: "JobStatus", description: "A background job's state." });

@ObjectType({
  simpleResolvers: true,
  description: "A background job (e.g. a bulk code issuance) whose progress can be observed.",
})
export class Job {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => JobStatus)
  status!: JobStatus;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  done!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Whose job it is: the batch's maker for an issuance, the submitter's organisation for a capture.",
  })
  ownerOrganizationId!: string | null;
}
