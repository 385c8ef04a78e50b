import { Length } from "class-validator";
import { Field, InputType } from "type-graphql";
import type { ProductPatch } from "../../producer/product-change.js";
import { PRODUCT_TEXT_LIMITS } from "../../producer/field-limits.js";

@InputType({
  description:
    "Basic info of a product to correct until one of its batches leaves the factory; fields left out keep their value, `brand: null` clears the brand. Maker, trace mode and GTIN never change.",
})
export class ProductBasicsInput implements ProductPatch {
  @Field(() => String, { nullable: true })
  @Length(...PRODUCT_TEXT_LIMITS.name)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Length(...PRODUCT_TEXT_LIMITS.brand)
  brand?: string | null;

  @Field(() => String, { nullable: true })
  @Length(...PRODUCT_TEXT_LIMITS.model)
  model?: string | null;

  @Field(() => String, { nullable: true, description: "A code or exact name from productCategories." })
  @Length(...PRODUCT_TEXT_LIMITS.category)
  category?: string | null;

  @Field(() => String, { nullable: true })
  @Length(...PRODUCT_TEXT_LIMITS.standardNo)
  standardNo?: string | null;
}
