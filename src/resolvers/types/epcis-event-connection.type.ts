import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { EpcisEventEdge } from "./epcis-event-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class EpcisEventConnection extends Connection(EpcisEventEdge) {}
