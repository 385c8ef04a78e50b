import { Length } from "class-validator";
import { Field, InputType } from "type-graphql";
import { TraceMode } from "./product.type.js";

@InputType({ description: "A product model and its basic trace info; checked for completeness and accuracy." })
export class ProductInput {
  @Field(() => String, { nullable: true, description: "Your id (letters, digits . _ -); default: GTIN-14 or code." })
  id?: string | null;

  @Field(() => String, { description: "A registered MANUFACTURER: `uscc:` + USCC (GB 32100 check character)." })
  @Length(1, 200)
  manufacturerId!: string;

  @Field(() => String)
  @Length(0, 200)
  name!: string;

  @Field(() => String)
  @Length(0, 200)
  model!: string;

  @Field(() => String)
  @Length(0, 100)
  category!: string;

  @Field(() => TraceMode)
  traceMode!: TraceMode;

  @Field(() => String, { nullable: true })
  @Length(0, 200)
  brand?: string | null;

  @Field(() => String, { nullable: true, description: "GTIN-8/12/13/14 with a valid check digit." })
  gtin?: string | null;

  @Field(() => String, {
    description: "Executive standard, e.g. `GB/T 12706.1-2020`, `GB 17761-2024`, `Q/XXX 001-2023`.",
  })
  @Length(0, 100)
  standardNo!: string;
}
