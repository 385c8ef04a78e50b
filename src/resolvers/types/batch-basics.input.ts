import { Length } from "class-validator";
import { Field, Float, InputType } from "type-graphql";
import { GraphQLDate } from "graphql-scalars";
import type { BatchBasicsPatch } from "../../producer/batch-basics-change.js";
import { BATCH_TEXT_LIMITS } from "../../producer/field-limits.js";

@InputType({
  description:
    "Basic info to correct before release (出厂); fields left out keep their value; `null` clears an optional field. The batch number is the batch's identity and never changes.",
})
export class BatchBasicsInput implements BatchBasicsPatch {
  @Field(() => GraphQLDate, { nullable: true })
  productionDate?: Date | null;

  @Field(() => Float, { nullable: true })
  quantity?: number | null;

  @Field(() => String, { nullable: true })
  @Length(...BATCH_TEXT_LIMITS.unit)
  unit?: string | null;

  @Field(() => String, { nullable: true, description: "合格, 不合格 or 待检, with details after it if wanted." })
  @Length(...BATCH_TEXT_LIMITS.inspectionResult)
  inspectionResult?: string | null;

  @Field(() => String, { nullable: true })
  @Length(...BATCH_TEXT_LIMITS.inspectionReportNo)
  inspectionReportNo?: string | null;

  @Field(() => String, { nullable: true })
  @Length(...BATCH_TEXT_LIMITS.inspectionAgency)
  inspectionAgency?: string | null;

  @Field(() => GraphQLDate, { nullable: true })
  inspectionDate?: Date | null;

  @Field(() => String, { nullable: true })
  @Length(...BATCH_TEXT_LIMITS.inspectionReportRef)
  inspectionReportRef?: string | null;

  @Field(() => String, { nullable: true })
  licenceNo?: string | null;

  @Field(() => String, { nullable: true })
  cccCertNo?: string | null;
}
