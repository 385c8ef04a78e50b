import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ImpactTier } from "../../recall/impact-tier.js";
import { TraceObject } from "./trace-object.type.js";
import { Edge } from "./connection.type.js";

registerEnumType(ImpactTier, {
  name: "ImpactTier",
  description: "CERTAIN: reached over instance-level edges only; POSSIBLE: only through a commingled (quantity) input.",
});

@ObjectType({ simpleResolvers: true })
export class TraceObjectEdge extends Edge(TraceObject) {
  @Field(() => ImpactTier)
  tier!: ImpactTier;
}
