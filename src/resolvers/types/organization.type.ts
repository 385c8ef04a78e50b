import { Field, ObjectType, registerEnumType } from "type-graphql";
import { OrgRole } from "../../registry/org-role.js";

registerEnumType(OrgRole, { name: "OrgRole", description: "What an organisation does in the supply chain." });

@ObjectType({
  simpleResolvers: true,
  description: "A company in the chain: maker, supplier, distributor, retailer, carrier or regulator.",
})
export class Organization {
  @Field(() => String, { description: "Canonical key: PGLN Digital Link, or `uscc:` + unified social credit code." })
  id!: string;

  @Field(() => String, { nullable: true, description: "Null for a party only known from EPCIS events." })
  name!: string | null;

  @Field(() => [OrgRole])
  roles!: OrgRole[];

  @Field(() => String, { nullable: true, description: "GB/T 2260 code of the registered seat." })
  regionCode!: string | null;

  @Field(() => [String], { description: "GB/T 2260 codes this organisation may sell into (防窜)." })
  authorizedRegions!: string[];

  @Field(() => [String], {
    description:
      "Further identifiers that name this organisation too (canonical keys: `uscc:…`, `https://id.gs1.org/417/{gln}`).",
  })
  identifiers!: string[];
}
