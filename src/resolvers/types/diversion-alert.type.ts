import { Field, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { DiversionRule } from "../../diversion/diversion-rule.js";
import { Organization } from "./organization.type.js";
import { AlertState } from "../../diversion/alert-state.js";
import { AlertTransition } from "./alert-transition.type.js";

registerEnumType(DiversionRule, {
  name: "DiversionRule",
  description: "REGION_MISMATCH: scanned outside the responsible organisation's regions; NOT_SHIPPED: never shipped.",
});

@ObjectType({
  simpleResolvers: true,
  description: "A market scan that broke the diversion (防窜) rule, with the evidence to follow it.",
})
export class DiversionAlert {
  @Field(() => String, { description: "Stable id: the scan's event id and object key." })
  id!: string;

  @Field(() => DiversionRule)
  rule!: DiversionRule;

  @Field(() => String)
  objectKey!: string;

  @Field(() => String)
  scanRegion!: string;

  @Field(() => GraphQLDateTime)
  scannedAt!: Date;

  @Field(() => String, { nullable: true, description: "The EPCIS or native event of the scan." })
  eventId!: string | null;

  @Field(() => Organization, { nullable: true })
  responsibleOrganization!: Organization | null;

  @Field(() => [String])
  authorizedRegions!: string[];

  @Field(() => [String], {
    description:
      "Keys from the object through its containers to the shipped object, then the responsible organisation.",
  })
  evidence!: string[];

  @Field(() => AlertState)
  state!: AlertState;

  @Field(() => [AlertTransition], { description: "Every step of the alert's life, oldest first, from its raising." })
  history!: AlertTransition[];

  /** Resolved through the organisation loader by the field resolver. */
  responsibleOrgId!: string | null;
}
