import { Field, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description: "A key industrial product category (重点工业产品) and what a batch of it must carry.",
})
export class ProductCategory {
  @Field(() => String, { description: "Stable code a product keeps, e.g. `WC` (电线电缆) or `GA.WH` (燃气热水器)." })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: "A batch needs its production licence number (工业产品生产许可证)." })
  licenceRequired!: boolean;

  @Field(() => Boolean, { description: "A batch needs its CCC certificate number (强制性产品认证)." })
  cccRequired!: boolean;
}
