import { Field, Int, ObjectType } from "type-graphql";
import { BatchQualityReport } from "./batch-quality-report.type.js";
import { MonthlyQualityReport } from "./monthly-quality-report.type.js";
import { QualityFigures } from "./quality-figures.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "A manufacturer's batches summarised against the guideline's basic requirements.",
})
export class ManufacturerQualityReport extends QualityFigures {
  @Field(() => String)
  manufacturerId!: string;

  @Field(() => Int)
  products!: number;

  @Field(() => [BatchQualityReport])
  batchReports!: BatchQualityReport[];

  @Field(() => [MonthlyQualityReport], {
    description: "The same figures per production month, oldest first, so improvement (持续改进) shows over time.",
  })
  monthly!: MonthlyQualityReport[];
}
