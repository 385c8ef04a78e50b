import type { AffectedObjectRow } from "../../graph/recall.repository.js";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Organization } from "./organization.type.js";
import { PageInfo } from "./page-info.type.js";
import { TraceObject } from "./trace.type.js";

export enum ImpactTier {
  CERTAIN = "CERTAIN",
  POSSIBLE = "POSSIBLE",
}
registerEnumType(ImpactTier, {
  name: "ImpactTier",
  description: "CERTAIN: reached over instance-level edges only; POSSIBLE: only through a commingled (quantity) input.",
});

@ObjectType({ simpleResolvers: true })
export class TraceObjectEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => TraceObject)
  node!: TraceObject;

  @Field(() => ImpactTier)
  tier!: ImpactTier;
}

@ObjectType({ simpleResolvers: true })
export class TraceObjectConnection {
  @Field(() => [TraceObjectEdge])
  edges!: TraceObjectEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

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
