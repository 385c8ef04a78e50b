import { Field, Float, Int, ObjectType } from "type-graphql";
import { BatchQualityReport } from "./batch-quality-report.type.js";
import { MonthlyQualityReport } from "./monthly-quality-report.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "A manufacturer's batches summarised against the guideline's basic requirements.",
})
export class ManufacturerQualityReport {
  @Field(() => String)
  manufacturerId!: string;

  @Field(() => Int)
  products!: number;

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

  @Field(() => Int)
  correctionsAfterRelease!: number;

  @Field(() => [BatchQualityReport])
  batchReports!: BatchQualityReport[];

  @Field(() => [MonthlyQualityReport], {
    description: "The same figures per production month, oldest first, so improvement (持续改进) shows over time.",
  })
  monthly!: MonthlyQualityReport[];
}
