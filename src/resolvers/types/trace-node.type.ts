import { Field, Int, ObjectType } from "type-graphql";
import { NodeKind } from "../../trace/flow-kinds.js";

@ObjectType({ simpleResolvers: true })
export class TraceNode {
  @Field(() => String)
  key!: string;

  @Field(() => NodeKind)
  kind!: NodeKind;

  @Field(() => Int, { description: "Fewest flow edges from the root (organisations: one past their object)." })
  depth!: number;
}
