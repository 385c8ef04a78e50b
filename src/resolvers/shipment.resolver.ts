import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import { Shipment } from "./types/shipment.type.js";
import { ShipmentInput } from "./types/shipment.input.js";

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Mutation(() => Shipment, { description: "Record goods shipped between registered organisations (SHIPPED_TO)." })
  async recordShipment(
    @Arg("input", () => ShipmentInput) input: ShipmentInput,
    @Ctx() ctx: AppContext,
  ): Promise<Shipment> {
    return ctx.services.producer.market.recordShipment(input, ctx.principal);
  }
}
