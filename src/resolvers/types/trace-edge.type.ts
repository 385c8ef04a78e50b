import { Field, ObjectType } from "type-graphql";
import { EdgeKind } from "../../trace/flow-kinds.js";

@ObjectType({ simpleResolvers: true })
export class TraceEdge {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => EdgeKind)
  kind!: EdgeKind;
}
