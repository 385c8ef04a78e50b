import { ArrayMaxSize, ArrayMinSize, Length } from "class-validator";
import { OrganizationContactInput } from "./organization-contact.input.js";
import { Field, InputType } from "type-graphql";
import { OrgRole } from "../../registry/org-role.js";
import type { OrganizationRequest } from "../../registry/registry-requests.js";

@InputType({ description: "Register or update an organisation, keyed by its id (idempotent)." })
export class OrganizationInput implements OrganizationRequest {
  @Field(() => String, { description: "PGLN (URN or Digital Link) or `uscc:` + 18-character USCC." })
  @Length(1, 200)
  id!: string;

  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => [OrgRole])
  @ArrayMinSize(1)
  roles!: OrgRole[];

  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(500)
  authorizedRegions?: string[] | null;

  @Field(() => OrganizationContactInput, { nullable: true, description: "Public contact for consumer pages." })
  contact?: OrganizationContactInput | null;
}
