import type { AffectedObjectRow } from "../../recall/recall.service.js";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { ImpactTier } from "../../recall/impact-tier.js";
import { Organization } from "./organization.type.js";
import { TraceObject } from "./trace.type.js";
import { Connection, Edge } from "./connection.type.js";

registerEnumType(ImpactTier, {
  name: "ImpactTier",
  description: "CERTAIN: reached over instance-level edges only; POSSIBLE: only through a commingled (quantity) input.",
});

@ObjectType({ simpleResolvers: true })
export class TraceObjectEdge extends Edge(TraceObject) {
  @Field(() => ImpactTier)
  tier!: ImpactTier;
}

@ObjectType({ simpleResolvers: true })
export class TraceObjectConnection extends Connection(TraceObjectEdge) {
  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({ simpleResolvers: true })
export class ImpactedOrganization {
  @Field(() => Organization)
  organization!: Organization;

  @Field(() => Int, { description: "Affected objects shipped to this organisation." })
  objectCount!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: "What a recall of the root touches: objects, organisations holding them, regions.",
})
export class RecallImpact {
  @Field(() => String)
  root!: string;

  @Field(() => Int, { description: "Affected objects, the root included." })
  totalCount!: number;

  @Field(() => [ImpactedOrganization])
  organizations!: ImpactedOrganization[];

  @Field(() => [String], { description: "Region codes of affected organisations and of scans of affected objects." })
  regions!: string[];

  /** The first affected objects in key order, read with the counts; `objects` pages from them when it can. */
  firstObjects!: AffectedObjectRow[];
}
