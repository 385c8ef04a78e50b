import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import { ListPageArgs } from "./types/page.args.js";
import { Product } from "./types/product.type.js";
import { ServiceRecordConnection } from "./types/service-record-connection.type.js";
import { ServiceRecordInput } from "./types/service-record.input.js";
import { ServiceRecord } from "./types/service-record.type.js";
import type { ServiceRecord as ServiceRecordData } from "../aftersales/service-record.service.js";

/** 售后服务: warranty terms, service partners and service records (consumers register warranties on the page). */
@Resolver()
export class AfterSalesResolver {
  @Mutation(() => Product, {
    description: "The product's warranty months and after-sales terms shown on consumer pages; its maker, any time.",
  })
  async setProductWarranty(
    @Arg("productId", () => ID) productId: string,
    @Arg("warrantyMonths", () => Int, { nullable: true }) months: number | null,
    @Arg("warrantyTerms", () => String, { nullable: true }) terms: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<Product> {
    return ctx.services.afterSales.services.setProductWarranty(productId, months ?? null, terms ?? null, ctx.principal);
  }

  @Mutation(() => Boolean, {
    description: "A maker allows (or stops allowing) a partner to record services on its products.",
  })
  async authorizeServicePartner(
    @Arg("partnerId", () => String) partnerId: string,
    @Arg("allowed", () => Boolean, { defaultValue: true }) allowed: boolean,
    @Arg("manufacturerId", () => String, { nullable: true, description: "Default: the caller's organisation." })
    manufacturerId: string | null,
    @Ctx() ctx: AppContext,
  ): Promise<boolean> {
    return ctx.services.afterSales.services.authorizeServicePartner(
      partnerId,
      allowed,
      manufacturerId ?? null,
      ctx.principal,
    );
  }

  @Mutation(() => ServiceRecord, {
    description: "Record a repair, return or replacement on a code; idempotent by serviceId.",
  })
  async recordService(
    @Arg("input", () => ServiceRecordInput) input: ServiceRecordInput,
    @Ctx() ctx: AppContext,
  ): Promise<ServiceRecord> {
    return toType(await ctx.services.afterSales.services.recordService(input, ctx.principal));
  }

  @Query(() => ServiceRecordConnection, {
    description:
      "Service records of a code or a batch, in id order: the maker's, the ones the caller recorded; all for ADMIN, REGULATOR.",
  })
  async serviceRecords(
    @Arg("code", () => String, { nullable: true }) code: string | null,
    @Arg("batchId", () => ID, { nullable: true }) batchId: string | null,
    @Args(() => ListPageArgs) { first, after }: ListPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<ServiceRecordConnection> {
    const page = await ctx.services.afterSales.services.serviceRecords({ code, batchId }, first, after, ctx.principal);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: toType({ ...e.node, duplicate: false }) })),
    };
  }
}

function toType(record: ServiceRecordData): ServiceRecord {
  return {
    ...record,
    kind: record.kind as ServiceRecord["kind"],
    performedAt: new Date(record.performedAt),
    recordedAt: new Date(record.recordedAt),
  };
}
