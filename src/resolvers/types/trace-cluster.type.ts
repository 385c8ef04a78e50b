import { Field, Int, ObjectType } from "type-graphql";
import { EdgeKind, NodeKind } from "../../trace/flow-kinds.js";

@ObjectType({
  simpleResolvers: true,
  description: "The children one node reaches by one kind of edge, left out of a grouped trace and drawn as one node.",
})
export class TraceCluster {
  @Field(() => String, { description: "`parent|edgeKind`: name it in `expand` to open the cluster." })
  id!: string;

  @Field(() => String, { description: "The node the members hang off." })
  parent!: string;

  @Field(() => EdgeKind)
  edgeKind!: EdgeKind;

  @Field(() => NodeKind, { description: "The members' kind (the most common one when mixed)." })
  memberKind!: NodeKind;

  @Field(() => Int, { description: "Members left out." })
  count!: number;

  @Field(() => Int, { description: "The members' depth." })
  depth!: number;
}
