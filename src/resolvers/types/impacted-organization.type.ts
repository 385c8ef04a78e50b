import { Field, Int, ObjectType } from "type-graphql";
import { Organization } from "./organization.type.js";

@ObjectType({ simpleResolvers: true })
export class ImpactedOrganization {
  @Field(() => Organization)
  organization!: Organization;

  @Field(() => Int, { description: "Affected objects shipped to this organisation." })
  objectCount!: number;
}
