import { Field, ObjectType } from "type-graphql";
import type { MonthlyQuality } from "../../producer/data-quality.js";
import { QualityFigures } from "./quality-figures.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "A maker's batches of one production month against the basic requirements.",
})
export class MonthlyQualityReport extends QualityFigures implements MonthlyQuality {
  @Field(() => String, { description: "Production month, YYYY-MM (China calendar)." })
  month!: string;
}
