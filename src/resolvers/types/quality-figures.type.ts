import { Field, Float, Int, ObjectType } from "type-graphql";

/** The figures a data-quality report gives for a set of batches: a maker's, or one production month's. */
@ObjectType({ description: "Data-quality figures of a set of batches." })
export abstract class QualityFigures {
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
