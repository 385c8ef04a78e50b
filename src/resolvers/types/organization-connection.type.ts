import { ObjectType } from "type-graphql";
import { Connection } from "./connection.type.js";
import { OrganizationEdge } from "./organization-edge.type.js";

@ObjectType({ simpleResolvers: true })
export class OrganizationConnection extends Connection(OrganizationEdge) {}
