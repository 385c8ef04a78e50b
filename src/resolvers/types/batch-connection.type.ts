import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { BatchEdge } from "./batch-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class BatchConnection extends Connection(BatchEdge) {}
