import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { ServiceRecord } from "./service-record.type.js";

@ObjectType({ simpleResolvers: true })
export class ServiceRecordEdge extends Edge(ServiceRecord) {}
