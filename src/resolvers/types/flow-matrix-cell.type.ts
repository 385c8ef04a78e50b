import { Field, Int, ObjectType } from "type-graphql";

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
