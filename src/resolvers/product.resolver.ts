import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { AppContext } from "./context.js";
import { OperatorNoteArg } from "./types/operator-note.arg.js";
import { Product } from "./types/product.type.js";
import { ProductCategory } from "./types/product-category.type.js";
import { ProductInput } from "./types/product.input.js";
import { ProductBasicsInput } from "./types/product-basics.input.js";
import { ProductRevision } from "./types/product-revision.type.js";
import { ProductConnection } from "./types/product-connection.type.js";
import { ProductListFilter } from "./types/product-list-filter.input.js";
import { ListPageArgs } from "./types/page.args.js";

@Resolver(() => Product)
export class ProductResolver {
  @Mutation(() => Product, { description: "Register a product model with its trace mode and basic trace info." })
  async registerProduct(
    @Arg("input", () => ProductInput) input: ProductInput,
    @Ctx() ctx: AppContext,
  ): Promise<Product> {
    return ctx.services.producer.products.registerProduct(input, ctx.principal);
  }

  @Mutation(() => Product, {
    description:
      "Correct a product's basic info (基本信息) until one of its batches leaves the factory, with the checks of registerProduct; each change is a ProductRevision. Maker only.",
  })
  async updateProduct(
    @Arg("productId", () => String) productId: string,
    @Arg("input", () => ProductBasicsInput) input: ProductBasicsInput,
    @Arg("reason", () => String) reason: string,
    @OperatorNoteArg() note: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<Product> {
    return ctx.services.producer.products.updateProduct({ productId, patch: input, reason, note }, ctx.principal);
  }

  @FieldResolver(() => [ProductRevision], { description: "Corrections of the product's basic info, oldest first." })
  async revisions(@Root() product: Product, @Ctx() ctx: AppContext): Promise<ProductRevision[]> {
    return ctx.services.producer.products.productRevisions(product.id);
  }

  @Query(() => Product, { description: "A product by id; NOT_FOUND when unknown." })
  async product(@Arg("id", () => String) id: string, @Ctx() ctx: AppContext): Promise<Product> {
    return ctx.services.producer.products.productFor(id, ctx.principal);
  }

  @Query(() => [Product], { description: "The products a manufacturer registered, by id." })
  async products(
    @Arg("manufacturerId", () => String) manufacturerId: string,
    @Ctx() ctx: AppContext,
  ): Promise<Product[]> {
    return ctx.services.producer.products.productsFor(manufacturerId, ctx.principal);
  }

  @Query(() => ProductConnection, {
    description:
      "Products in id order: a maker's own and those a party may see (API-CONTRACT §6); all for ADMIN, REGULATOR.",
  })
  async productList(
    @Arg("filter", () => ProductListFilter, { nullable: true }) filter: ProductListFilter | null,
    @Args(() => ListPageArgs) { first, after }: ListPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<ProductConnection> {
    return ctx.services.producer.products.list(filter, first, after, ctx.principal);
  }

  @Query(() => [ProductCategory], {
    description:
      "The key industrial product categories (重点工业产品) and what each requires: ProductInput.category takes a code or exact name.",
  })
  productCategories(@Ctx() ctx: AppContext): ProductCategory[] {
    return [...ctx.services.producer.products.categories()];
  }
}
