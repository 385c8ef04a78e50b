import { ArgsType, Field, Int } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import type { TraceRequest } from "../../trace/trace.service.js";

/** Bounds (maxDepth 0-32, limit 1-100000) are checked by TraceService, which names the field and the rule. */
@ArgsType()
export class TraceArgs implements TraceRequest {
  @Field(() => String, {
    description: "Any accepted spelling of an identifier (URN, Digital Link, trace code, QR URL).",
  })
  code!: string;

  @Field(() => Int, { defaultValue: 16, description: "Edges followed at most (0-32)." })
  maxDepth!: number;

  @Field(() => Int, { defaultValue: 10000, description: "Nodes returned at most (1-100000); see `truncated`." })
  limit!: number;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: "Follow only edges that held at this instant (containment ended by DELETE no longer counts).",
  })
  asOf?: Date | null;
}
