import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { TraceCodeEdge } from "./trace-code-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class TraceCodeConnection extends Connection(TraceCodeEdge) {}
