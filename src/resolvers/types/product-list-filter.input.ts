import { Field, InputType } from "type-graphql";

@InputType({ description: "Narrow productList; the fields combine with AND." })
export class ProductListFilter {
  @Field(() => String, { nullable: true, description: "The maker (any accepted spelling of its id)." })
  manufacturerId?: string | null;

  @Field(() => String, { nullable: true, description: "A category code or exact name from productCategories." })
  category?: string | null;
}
