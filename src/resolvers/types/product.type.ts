import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { TraceMode } from "../../producer/producer-enums.js";

registerEnumType(TraceMode, {
  name: "TraceMode",
  description:
    "一品一码 (one code per model), 一批一码 (per batch), 一物一码 (per item), 组合多码 (bundles and 子母码).",
});

@ObjectType({
  simpleResolvers: true,
  description: "A registered product model with its basic trace info (基本追溯信息).",
})
export class Product {
  @Field(() => String)
  id!: string;

  @Field(() => String, { description: "Canonical key: the GS1 product class key, or the product's trace code." })
  key!: string;

  @Field(() => String, { description: "`uscc:` id of the manufacturer." })
  manufacturerId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  brand!: string | null;

  @Field(() => String, { description: "Model and specification (型号规格)." })
  model!: string;

  @Field(() => String, { description: "The code of its category in productCategories." })
  category!: string;

  @Field(() => String, { description: "The name of its category, e.g. 电线电缆." })
  categoryName!: string;

  @Field(() => TraceMode)
  traceMode!: TraceMode;

  @Field(() => String, { nullable: true, description: "GTIN-14, when the product has one." })
  gtin!: string | null;

  @Field(() => String, { description: "Executive standard (执行标准), e.g. `GB/T 12706.1-2020`." })
  standardNo!: string;

  @Field(() => Boolean, { description: "Whether the category needs a production licence (生产许可证)." })
  licenceRequired!: boolean;

  @Field(() => Boolean, { description: "Whether the category needs a CCC certificate." })
  cccRequired!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Warranty (保修期) in months from purchase; see setProductWarranty.",
  })
  warrantyMonths?: number | null;

  @Field(() => String, { nullable: true, description: "After-sales terms (售后条款) shown on consumer pages." })
  warrantyTerms?: string | null;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;
}
