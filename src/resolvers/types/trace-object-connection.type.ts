import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { TraceObjectEdge } from "./trace-object-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class TraceObjectConnection extends Connection(TraceObjectEdge) {
  @Field(() => Int)
  totalCount!: number;
}
