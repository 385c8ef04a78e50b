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
