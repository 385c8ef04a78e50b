import { Field, Int, ObjectType } from "type-graphql";
import { EdgeKind } from "../../trace/flow-kinds.js";

@ObjectType({
  simpleResolvers: true,
  description:
    "The trace's `edges` in the same order, by position in its `nodes`: edge i goes from nodes[from[i]] to " +
    "nodes[to[i]], of kind kind[i]. The same answer in a fraction of the bytes, for large traces.",
})
export class CompactTraceEdges {
  @Field(() => [Int], { description: "Position in `nodes` of each edge's upstream end." })
  from!: number[];

  @Field(() => [Int], { description: "Position in `nodes` of each edge's downstream end." })
  to!: number[];

  @Field(() => [EdgeKind], { description: "Each edge's kind." })
  kind!: EdgeKind[];
}
