import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { Revision } from "./revision.type.js";

@ObjectType({ simpleResolvers: true })
export class RevisionEdge extends Edge(Revision) {}
