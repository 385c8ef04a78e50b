import { ObjectType } from "type-graphql";
import { Edge } from "./connection.type.js";
import { Organization } from "./organization.type.js";

@ObjectType({ simpleResolvers: true })
export class OrganizationEdge extends Edge(Organization) {}
