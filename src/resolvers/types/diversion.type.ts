import { Field, InputType, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { DiversionRule } from "../../diversion/diversion-rule.js";
import { Organization } from "./organization.type.js";
import { Connection, Edge } from "./connection.type.js";

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

  /** Resolved through the organisation loader by the field resolver. */
  responsibleOrgId!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class DiversionAlertEdge extends Edge(DiversionAlert) {}

@ObjectType({ simpleResolvers: true })
export class DiversionAlertConnection extends Connection(DiversionAlertEdge) {}

@InputType({ description: "Narrow the alerts; every field is optional and they combine with AND." })
export class DiversionFilter {
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
