import { Field, ID, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { ServiceKind } from "../../aftersales/service-kind.js";

@ObjectType({ simpleResolvers: true, description: "An after-sales service (售后服务) recorded on a code." })
export class ServiceRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Canonical key of the code serviced." })
  objectKey!: string;

  @Field(() => ServiceKind)
  kind!: ServiceKind;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => GraphQLDateTime)
  performedAt!: Date;

  @Field(() => GraphQLDateTime)
  recordedAt!: Date;

  @Field(() => String, { description: "The credential that recorded it." })
  actor!: string;

  @Field(() => String, { nullable: true, description: "The organisation that did the service (null: the operator)." })
  actorOrganizationId!: string | null;

  @Field(() => String, { nullable: true })
  manufacturerId!: string | null;

  @Field(() => String, { nullable: true })
  batchId!: string | null;

  @Field(() => Boolean, { description: "True when the serviceId was recorded before: nothing was written." })
  duplicate!: boolean;
}
