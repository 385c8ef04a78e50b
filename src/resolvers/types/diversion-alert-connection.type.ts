import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { DiversionAlertEdge } from "./diversion-alert-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class DiversionAlertConnection extends Connection(DiversionAlertEdge) {}
