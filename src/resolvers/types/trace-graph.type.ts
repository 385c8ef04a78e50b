import { Field, Int, ObjectType } from "type-graphql";
import { TraceNode } from "./trace-node.type.js";
import { TraceEdge } from "./trace-edge.type.js";
import { TraceCluster } from "./trace-cluster.type.js";

@ObjectType({
  simpleResolvers: true,
  description: "The objects and organisations up- or downstream of a root, with the edges among them.",
})
export class TraceGraph {
  @Field(() => String, { description: "The root's canonical key." })
  root!: string;

  @Field(() => [TraceNode])
  nodes!: TraceNode[];

  @Field(() => [TraceEdge])
  edges!: TraceEdge[];

  @Field(() => Boolean, { description: "True when more nodes were reachable than `limit` allowed." })
  truncated!: boolean;

  @Field(() => [TraceCluster], { description: "Large fan-outs left out as clusters (empty without `groupAbove`)." })
  clusters!: TraceCluster[];

  @Field(() => Int, { description: "Nodes left out by grouping: the clusters' members and what only they reach." })
  hiddenCount!: number;
}
