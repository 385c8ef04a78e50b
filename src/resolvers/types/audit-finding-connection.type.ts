import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { AuditFindingEdge } from "./audit-finding-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class AuditFindingConnection extends Connection(AuditFindingEdge) {}
