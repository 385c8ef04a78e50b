import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { AuditFinding } from "./audit-finding.type.js";

@ObjectType({ simpleResolvers: true })
export class AuditFindingEdge extends Edge(AuditFinding) {}
