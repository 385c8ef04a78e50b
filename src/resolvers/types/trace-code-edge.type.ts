import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { TraceCode } from "./trace-code.type.js";

@ObjectType({ simpleResolvers: true })
export class TraceCodeEdge extends Edge(TraceCode) {}
