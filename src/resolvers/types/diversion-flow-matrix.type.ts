import { Field, Int, ObjectType } from "type-graphql";
import { FlowMatrixCell } from "./flow-matrix-cell.type.js";

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
