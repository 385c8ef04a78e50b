import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

@ArgsType()
export class TraceArgs {
  @Field(() => String, {
    description: "Any accepted spelling of an identifier (URN, Digital Link, trace code, QR URL).",
  })
  code!: string;

  @Field(() => Int, { defaultValue: 16, description: "Edges followed at most (0-32)." })
  @Min(0)
  @Max(32)
  maxDepth!: number;

  @Field(() => Int, { defaultValue: 10000, description: "Nodes returned at most (1-100000); see `truncated`." })
  @Min(1)
  @Max(100000)
  limit!: number;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: "Follow only edges that held at this instant (containment ended by DELETE no longer counts).",
  })
  asOf?: Date | null;
}
