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

  @Field(() => String, {
    description:
      "Factory inspection result (出厂检验结论): starts with 合格 (passed), 不合格 (failed) or 待检 (pending), e.g. `合格（耐压试验）`. Codes may be issued while 待检; release needs 合格.",
  })
  @Length(...BATCH_TEXT_LIMITS.inspectionResult)
  inspectionResult!: string;

  @Field(() => String, { nullable: true, description: "Inspection report number (检验报告编号)." })
  @Length(...BATCH_TEXT_LIMITS.inspectionReportNo)
  inspectionReportNo?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Inspecting agency (检验机构); the maker's own lab for 出厂检验.",
  })
  @Length(...BATCH_TEXT_LIMITS.inspectionAgency)
  inspectionAgency?: string | null;

  @Field(() => GraphQLDate, { nullable: true, description: "Date of the inspection; not in the future." })
  inspectionDate?: Date | null;

  @Field(() => String, { nullable: true, description: "Where the report document is kept (a URL or archive number)." })
  @Length(...BATCH_TEXT_LIMITS.inspectionReportRef)
  inspectionReportRef?: string | null;

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
