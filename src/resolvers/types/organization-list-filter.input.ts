import { Field, InputType } from "type-graphql";
import { OrgRole } from "../../registry/org-role.js";

@InputType({ description: "Narrow organizationList; the fields combine with AND." })
export class OrganizationListFilter {
  @Field(() => OrgRole, { nullable: true })
  role?: OrgRole | null;

  @Field(() => String, { nullable: true, description: "Registered in this region or a region it covers (440000)." })
  region?: string | null;
}
