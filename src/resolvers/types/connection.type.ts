import { Field, ObjectType, type ClassType } from "type-graphql";
import { PageInfo } from "./page-info.type.js";

/**
 * Relay connection types from one factory (type-graphql generic types): `Edge(Node)` gives `{ cursor, node }`,
 * `Connection(Edge)` gives `{ edges, pageInfo }`. Each concrete type subclasses them under its own name and may
 * add fields (`TraceObjectEdge.tier`, `TraceObjectConnection.totalCount`).
 */
export function Edge<TNode extends object>(node: ClassType<TNode>) {
  @ObjectType({ simpleResolvers: true })
  abstract class EdgeOf {
    @Field(() => String, { description: "Opaque keyset position of this node: pass it as `after`." })
    cursor!: string;

    @Field(() => node)
    node!: TNode;
  }
  return EdgeOf;
}

export function Connection<TEdge extends object>(edge: ClassType<TEdge>) {
  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionOf {
    @Field(() => [edge])
    edges!: TEdge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionOf;
}
