import { Field, ObjectType } from "type-graphql";
import { AuditedChange } from "./audited-change.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "One audited change of a batch's trace info: when, who, why, and each field before/after.",
})
export class Revision extends AuditedChange {
  @Field(() => String)
  batchId!: string;

  @Field(() => Boolean, { description: "A correction made after release (出厂), via correctReleasedBatch." })
  correction!: boolean;

  @Field(() => Boolean, { description: "Flagged for internal audit (内部审核)." })
  auditRequired!: boolean;

  @Field(() => Boolean, { description: "Made after the batch's first code was issued." })
  afterCodeIssuance!: boolean;
}
