import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { PageInfo } from "./page-info.type.js";
import { TraceMode } from "./product.type.js";

export enum CodeStatus {
  GENERATED = "GENERATED",
  PRINTED = "PRINTED",
  ACTIVE = "ACTIVE",
  VOID = "VOID",
}
registerEnumType(CodeStatus, {
  name: "CodeStatus",
  description: "Lifecycle: GENERATED, PRINTED (labels printed), ACTIVE (its batch released), VOID (with a reason).",
});

export enum TraceCodeType {
  PRODUCT = "PRODUCT",
  BATCH = "BATCH",
  ITEM = "ITEM",
  BUNDLE = "BUNDLE",
  MOTHER = "MOTHER",
  SEGMENT = "SEGMENT",
}
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

@ObjectType({ simpleResolvers: true })
export class TraceCodeEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => TraceCode)
  node!: TraceCode;
}

@ObjectType({ simpleResolvers: true })
export class TraceCodeConnection {
  @Field(() => [TraceCodeEdge])
  edges!: TraceCodeEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ simpleResolvers: true, description: "A child segment of a mother code (子码)." })
export class CodeSegment {
  @Field(() => String)
  code!: string;

  @Field(() => Float)
  start!: number;

  @Field(() => Float)
  end!: number;

  @Field(() => String)
  unit!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "Mass balance of a mother code (子母码): its length and how much is given to segments.",
})
export class MassBalance {
  @Field(() => String)
  code!: string;

  @Field(() => Float, { nullable: true, description: "Null when the parent's length is unknown." })
  totalLength!: number | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => Float)
  allocated!: number;

  @Field(() => Float, { nullable: true })
  unallocated!: number | null;

  @Field(() => [CodeSegment], { description: "Segments in order along the parent." })
  segments!: CodeSegment[];
}
