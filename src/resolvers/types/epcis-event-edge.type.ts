import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { EpcisEventNode } from "./epcis-event-node.type.js";

@ObjectType({ simpleResolvers: true })
export class EpcisEventEdge extends Edge(EpcisEventNode) {}
