import { Field, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { AlertState } from "../../diversion/alert-state.js";

registerEnumType(AlertState, {
  name: "AlertState",
  description:
    "A diversion alert's life: OPEN → ACKNOWLEDGED → RESOLVED or DISMISSED (RESOLVED or DISMISSED from OPEN too).",
});

@ObjectType({ simpleResolvers: true, description: "One step of a diversion alert's life, kept forever." })
export class AlertTransition {
  @Field(() => AlertState, { description: "The state the alert entered." })
  state!: AlertState;

  @Field(() => GraphQLDateTime)
  at!: Date;

  @Field(() => String, {
    nullable: true,
    description: "The credential that made the step; null when the alert was raised by its scan.",
  })
  actor!: string | null;

  @Field(() => String, { nullable: true, description: "The organisation the actor acted for." })
  actorOrganizationId!: string | null;

  @Field(() => String)
  note!: string;
}
