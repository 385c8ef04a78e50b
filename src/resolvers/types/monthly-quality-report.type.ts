import { Field, Float, Int, ObjectType } from "type-graphql";
import type { MonthlyQuality } from "../../producer/data-quality.js";

@ObjectType({
  simpleResolvers: true,
  description: "A maker's batches of one production month against the basic requirements.",
})
export class MonthlyQualityReport implements MonthlyQuality {
  @Field(() => String, { description: "Production month, YYYY-MM (China calendar)." })
  month!: string;

  @Field(() => Int)
  batches!: number;

  @Field(() => Float, { nullable: true })
  averageBasicCompleteness!: number | null;

  @Field(() => Float, { nullable: true })
  averageExtendedCompleteness!: number | null;

  @Field(() => Float, { nullable: true })
  averageRecordDelayDays!: number | null;

  @Field(() => Float, { nullable: true })
  maxRecordDelayDays!: number | null;

  @Field(() => Float, { nullable: true })
  averageCodeIssueDelayDays!: number | null;

  @Field(() => Int, { description: "Batches that have no codes yet." })
  batchesWithoutCodes!: number;

  @Field(() => Int)
  changesAfterIssuance!: number;

  @Field(() => Int, { description: "Audited corrections after release (each opened an internal-audit finding)." })
  correctionsAfterRelease!: number;
}
