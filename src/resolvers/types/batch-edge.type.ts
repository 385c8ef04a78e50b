import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { Batch } from "./batch.type.js";

@ObjectType({ simpleResolvers: true })
export class BatchEdge extends Edge(Batch) {}
