import { Field, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { TraceCodeType } from "../../codes/index.js";
import { CodeStatus, TraceMode } from "../../producer/producer-enums.js";

registerEnumType(CodeStatus, {
  name: "CodeStatus",
  description: "Lifecycle: GENERATED, PRINTED (labels printed), ACTIVE (its batch released), VOID (with a reason).",
});

registerEnumType(TraceCodeType, {
  name: "TraceCodeType",
  description: "PRODUCT 一品一码, BATCH 一批一码, ITEM 一物一码, BUNDLE 组合码, MOTHER 母码, SEGMENT 子码 (a segment).",
});

@ObjectType({
  simpleResolvers: true,
  description: "A code printed on goods: our trace code, or the GS1 key of a product or lot.",
})
export class TraceCode {
  @Field(() => String, { description: "The canonical key, as printed." })
  value!: string;

  @Field(() => String, { description: "What the QR symbol encodes: `{publicBaseUrl}/t/{code}` or a GS1 Digital Link." })
  url!: string;

  @Field(() => TraceMode)
  mode!: TraceMode;

  @Field(() => CodeStatus)
  status!: CodeStatus;

  @Field(() => TraceCodeType)
  codeType!: TraceCodeType;

  @Field(() => String, { nullable: true })
  batchId!: string | null;

  @Field(() => String, { nullable: true })
  productId!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  issuedAt!: Date | null;

  @Field(() => String, { nullable: true })
  voidReason!: string | null;
}
