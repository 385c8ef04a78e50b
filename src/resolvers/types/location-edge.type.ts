import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { Location } from "./location.type.js";

@ObjectType({ simpleResolvers: true })
export class LocationEdge extends Edge(Location) {}
