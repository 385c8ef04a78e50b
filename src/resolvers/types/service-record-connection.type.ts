import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { ServiceRecordEdge } from "./service-record-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class ServiceRecordConnection extends Connection(ServiceRecordEdge) {}
