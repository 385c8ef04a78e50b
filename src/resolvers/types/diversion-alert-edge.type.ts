import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { DiversionAlert } from "./diversion-alert.type.js";

@ObjectType({ simpleResolvers: true })
export class DiversionAlertEdge extends Edge(DiversionAlert) {}
