import { ArrayMaxSize, Length } from "class-validator";
import { Field, Float, InputType } from "type-graphql";
import { GraphQLDate, GraphQLJSONObject } from "graphql-scalars";
import type { BatchRequest } from "../../producer/producer-requests.js";
import { BATCH_TEXT_LIMITS, MAX_BATCH_COMPONENTS } from "../../producer/field-limits.js";

@InputType({ description: "A batch with its basic trace info, checked for completeness and accuracy." })
export class BatchInput implements BatchRequest {
  @Field(() => String)
  @Length(...BATCH_TEXT_LIMITS.productId)
  productId!: string;

  @Field(() => String, { description: "Batch number; becomes the GS1 lot (AI 10) when the product has a GTIN." })
  @Length(...BATCH_TEXT_LIMITS.batchNo)
  batchNo!: string;

  @Field(() => GraphQLDate, { description: "Not in the future (China Standard Time)." })
  productionDate!: Date;

  @Field(() => Float, { description: "Greater than 0." })
  quantity!: number;

  @Field(() => String, { description: "Unit of the quantity, e.g. `m`, `km`, `台`, `个`." })
  @Length(...BATCH_TEXT_LIMITS.unit)
  unit!: string;

  @Field(() => String, { description: "Factory inspection result (出厂检验结论), e.g. `合格`." })
  @Length(...BATCH_TEXT_LIMITS.inspectionResult)
  inspectionResult!: string;

  @Field(() => String, { nullable: true, description: "Production licence number, required for some categories." })
  licenceNo?: string | null;

  @Field(() => String, { nullable: true, description: "CCC certificate number, required for CCC categories." })
  cccCertNo?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  extended?: Record<string, unknown> | null;

  @Field(() => [String], {
    nullable: true,
    description: "Codes or GS1 keys of the component lots or items this batch consumed (supplier lots).",
  })
  @ArrayMaxSize(MAX_BATCH_COMPONENTS)
  components?: string[] | null;
}
