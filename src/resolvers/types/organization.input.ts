import { ArrayMaxSize, ArrayMinSize, Length } from "class-validator";
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

  @Field(() => String, {
    nullable: true,
    description: "Its unified social credit code when `id` is not one (`uscc:` + USCC, or the bare 18 characters).",
  })
  @Length(1, 200)
  uscc?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Its party GLNs (PGLN URN, Digital Link or 13 digits): EPCIS events naming them name this organisation.",
  })
  @ArrayMaxSize(100)
  glns?: string[] | null;
}
