import { Field, ObjectType } from "type-graphql";
import { AccessRole } from "../../access/access-role.js";
import { Organization } from "./organization.type.js";

@ObjectType({ simpleResolvers: true, description: "Who the credential of this request is: its role and organisation." })
export class Viewer {
  @Field(() => AccessRole)
  role!: AccessRole;

  @Field(() => String, { nullable: true, description: "The organisation it acts for; null for the platform operator." })
  organizationId!: string | null;

  @Field(() => Organization, { nullable: true })
  organization!: Organization | null;
}
