import type { AffectedObjectRow } from "../../recall/recall.service.js";
import { Field, Int, ObjectType } from "type-graphql";
import { ImpactedOrganization } from "./impacted-organization.type.js";

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
