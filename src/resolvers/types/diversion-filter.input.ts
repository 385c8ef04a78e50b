import { Field, InputType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { DiversionRule } from "../../diversion/diversion-rule.js";
import { AlertState } from "../../diversion/alert-state.js";

@InputType({ description: "Narrow the alerts; every field is optional and they combine with AND." })
export class DiversionFilter {
  @Field(() => [AlertState], {
    nullable: true,
    description: "Alerts in these states; by default those still to be dealt with (OPEN, ACKNOWLEDGED).",
  })
  states?: AlertState[] | null;

  @Field(() => DiversionRule, { nullable: true })
  rule?: DiversionRule | null;

  @Field(() => String, { nullable: true, description: "Responsible organisation id (any accepted spelling)." })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: "Scan region, or any region code covering it (440000)." })
  region?: string | null;

  @Field(() => String, { nullable: true, description: "Alerts about this object (any accepted spelling)." })
  objectKey?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  from?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  to?: Date | null;
}
