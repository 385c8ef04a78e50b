import { Field, InputType } from "type-graphql";

@InputType({ description: "Narrow locationList; the fields combine with AND." })
export class LocationListFilter {
  @Field(() => String, { nullable: true, description: "The operating organisation (any accepted spelling)." })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: "In this region or a region it covers (440000)." })
  region?: string | null;
}
