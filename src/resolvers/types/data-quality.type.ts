import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description: "The guideline's basic requirements for one batch, as figures (监督与改进).",
})
export class BatchQualityReport {
  @Field(() => String)
  batchId!: string;

  @Field(() => Float, { description: "Share of basic trace info fields filled in (0-1)." })
  basicCompleteness!: number;

  @Field(() => [String])
  missingBasic!: string[];

  @Field(() => Float, { description: "Share of the recommended extended info fields filled in (0-1)." })
  extendedCompleteness!: number;

  @Field(() => [String])
  missingExtended!: string[];

  @Field(() => Float, { description: "Days from the production date to the batch's record." })
  recordDelayDays!: number;

  @Field(() => Float, { nullable: true, description: "Days from the production date to its first code issuance." })
  codeIssueDelayDays!: number | null;

  @Field(() => Int)
  revisions!: number;

  @Field(() => Int, { description: "Revisions made after codes were issued." })
  changesAfterIssuance!: number;

  @Field(() => Int, { description: "Audited corrections after release." })
  correctionsAfterRelease!: number;
}

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
}
