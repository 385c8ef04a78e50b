import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDate, GraphQLDateTime, GraphQLJSONObject } from "graphql-scalars";
import { BatchStatus } from "../../producer/producer-enums.js";
import { Revision } from "./revision.type.js";
import { InspectionStatus } from "../../producer/inspection.js";

registerEnumType(InspectionStatus, {
  name: "InspectionStatus",
  description: "出厂检验: PASSED (合格), FAILED (不合格), PENDING (待检).",
});

registerEnumType(BatchStatus, {
  name: "BatchStatus",
  description: "DRAFT: basic info recorded; CODED: codes issued; RELEASED: 出厂, info frozen; RECALLED.",
});

@ObjectType({
  simpleResolvers: true,
  description: "A production batch (a LOT in the flow graph) with basic and extended trace info.",
})
export class Batch {
  @Field(() => ID, { description: "`{productId}:{batchNo}`." })
  id!: string;

  @Field(() => String, { description: "Canonical key: GS1 lot key (GTIN + batch number), or the batch's trace code." })
  key!: string;

  @Field(() => BatchStatus)
  status!: BatchStatus;

  @Field(() => [Revision], { description: "Changes to the trace info, oldest first." })
  revisions!: Revision[];

  @Field(() => String)
  productId!: string;

  @Field(() => String)
  batchNo!: string;

  @Field(() => GraphQLDate)
  productionDate!: string;

  @Field(() => Float)
  quantity!: number;

  @Field(() => String)
  unit!: string;

  @Field(() => String)
  inspectionResult!: string;

  @Field(() => InspectionStatus, {
    description: "What inspectionResult states: PASSED (合格), FAILED (不合格), PENDING (待检).",
  })
  inspectionStatus!: InspectionStatus;

  @Field(() => String, { nullable: true })
  inspectionReportNo!: string | null;

  @Field(() => String, { nullable: true })
  inspectionAgency!: string | null;

  @Field(() => String, { nullable: true, description: "`YYYY-MM-DD`." })
  inspectionDate!: string | null;

  @Field(() => String, { nullable: true })
  inspectionReportRef!: string | null;

  @Field(() => String, { nullable: true })
  licenceNo!: string | null;

  @Field(() => String, { nullable: true })
  cccCertNo!: string | null;

  @Field(() => GraphQLJSONObject, { description: "Extended trace info (扩展追溯信息): quality and marketing." })
  extended!: Record<string, unknown>;

  @Field(() => [String], { description: "Canonical keys of the component lots and items this batch consumed." })
  components!: string[];

  @Field(() => Int, { description: "Codes issued under this batch." })
  codeCount!: number;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  firstCodeIssuedAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  releasedAt!: Date | null;
}
