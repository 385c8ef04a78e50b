import { ArgsType, Field, Int } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import type { TraceRequest } from "../../trace/trace.service.js";

/** Bounds (maxDepth 0-32, limit 1-100000) are checked by TraceService, which names the field and the rule. */
@ArgsType()
export class TraceArgs implements TraceRequest {
  @Field(() => String, {
    description: "Any accepted spelling of an identifier (URN, Digital Link, trace code, QR URL).",
  })
  code!: string;

  @Field(() => Int, { defaultValue: 16, description: "Edges followed at most (0-32)." })
  maxDepth!: number;

  @Field(() => Int, { defaultValue: 10000, description: "Nodes returned at most (1-100000); see `truncated`." })
  limit!: number;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: "Follow only edges that held at this instant (containment ended by DELETE no longer counts).",
  })
  asOf?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Group the children one node reaches by one kind of edge into a cluster (`clusters`) when there are more than this (1-100000); the members, and what is reachable only through them, are left out. Null: no grouping.",
  })
  groupAbove?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: "Cluster ids (`TraceCluster.id`) to leave open, at most 1000 (with `groupAbove`).",
  })
  expand?: string[] | null;
}
