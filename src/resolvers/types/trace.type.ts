import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { EdgeKind, NodeKind, ObjectKind } from "../../trace/flow-kinds.js";

registerEnumType(ObjectKind, { name: "ObjectKind", description: "What a traceable object is." });

registerEnumType(NodeKind, { name: "NodeKind", description: "A node of a trace graph: an object or an organisation." });

registerEnumType(EdgeKind, {
  name: "EdgeKind",
  description: "A flow edge, always from the upstream side to the downstream side.",
});

@ObjectType({
  simpleResolvers: true,
  description: "A traceable object: product class, lot (batch), item, container or code.",
})
export class TraceObject {
  @Field(() => String, { description: "Canonical key (API-CONTRACT §1)." })
  key!: string;

  @Field(() => ObjectKind)
  kind!: ObjectKind;

  @Field(() => GraphQLJSONObject, { description: "Stored details of the object (trace info, status, ...)." })
  details!: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true })
export class TraceNode {
  @Field(() => String)
  key!: string;

  @Field(() => NodeKind)
  kind!: NodeKind;

  @Field(() => Int, { description: "Fewest flow edges from the root (organisations: one past their object)." })
  depth!: number;
}

@ObjectType({ simpleResolvers: true })
export class TraceEdge {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => EdgeKind)
  kind!: EdgeKind;
}

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
}
