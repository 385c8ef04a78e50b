import { Length } from "class-validator";
import { Field, InputType } from "type-graphql";
import { TraceMode } from "../../producer/producer-enums.js";
import type { ProductRequest } from "../../producer/producer-requests.js";
import { PRODUCT_TEXT_LIMITS } from "../../producer/field-limits.js";

@InputType({ description: "A product model and its basic trace info; checked for completeness and accuracy." })
export class ProductInput implements ProductRequest {
  @Field(() => String, { nullable: true, description: "Your id (letters, digits . _ -); default: GTIN-14 or code." })
  id?: string | null;

  @Field(() => String, { description: "A registered MANUFACTURER: `uscc:` + USCC (GB 32100 check character)." })
  @Length(...PRODUCT_TEXT_LIMITS.manufacturerId)
  manufacturerId!: string;

  @Field(() => String)
  @Length(...PRODUCT_TEXT_LIMITS.name)
  name!: string;

  @Field(() => String)
  @Length(...PRODUCT_TEXT_LIMITS.model)
  model!: string;

  @Field(() => String)
  @Length(...PRODUCT_TEXT_LIMITS.category)
  category!: string;

  @Field(() => TraceMode)
  traceMode!: TraceMode;

  @Field(() => String, { nullable: true })
  @Length(...PRODUCT_TEXT_LIMITS.brand)
  brand?: string | null;

  @Field(() => String, { nullable: true, description: "GTIN-8/12/13/14 with a valid check digit." })
  gtin?: string | null;

  @Field(() => String, {
    description: "Executive standard, e.g. `GB/T 12706.1-2020`, `GB 17761-2024`, `Q/XXX 001-2023`.",
  })
  @Length(...PRODUCT_TEXT_LIMITS.standardNo)
  standardNo!: string;
}
