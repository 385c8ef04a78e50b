import { Field, ObjectType, registerEnumType } from "type-graphql";
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
