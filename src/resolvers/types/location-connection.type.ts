import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { LocationEdge } from "./location-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class LocationConnection extends Connection(LocationEdge) {}
