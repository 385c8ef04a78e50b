import { Field, InputType } from "type-graphql";
import type { OrganizationContact } from "../../registry/organization-contact.js";

@InputType({
  description:
    "Public contact shown on the consumer pages of the organisation's products. Left out: kept; null: cleared.",
})
export class OrganizationContactInput implements OrganizationContact {
  @Field(() => String, { nullable: true, description: "Customer service phone (客服电话), e.g. 400-820-8820." })
  servicePhone?: string | null;

  @Field(() => String, { nullable: true, description: "Address, at most 200 characters." })
  address?: string | null;

  @Field(() => String, { nullable: true, description: "Website, an http(s) URL." })
  website?: string | null;
}
