import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { RevisionEdge } from "./revision-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class RevisionConnection extends Connection(RevisionEdge) {}
