import { Field, Float, Int, ObjectType } from "type-graphql";
import { Organization } from "./organization.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "Scans from goods authorised for some regions, seen in one scan region.",
})
export class FlowMatrixCell {
  @Field(() => [String], { description: "Authorised regions of the responsible organisation; empty when unshipped." })
  authorizedRegions!: string[];

  @Field(() => String)
  scanRegion!: string;

  @Field(() => Int)
  scans!: number;

  @Field(() => Int)
  alerts!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: "Region-to-region flow of scanned goods in a time window; cells add up to the totals.",
})
export class DiversionFlowMatrix {
  @Field(() => [FlowMatrixCell])
  cells!: FlowMatrixCell[];

  @Field(() => Int)
  totalScans!: number;

  @Field(() => Int)
  totalAlerts!: number;
}

@ObjectType({ simpleResolvers: true, description: "How much of an organisation's goods leak out of its regions." })
export class LeakRank {
  @Field(() => Organization)
  organization!: Organization;

  @Field(() => Int)
  scans!: number;

  @Field(() => Int)
  alerts!: number;

  @Field(() => Float, { description: "alerts / scans" })
  leakRate!: number;
}
