import { Field, ID, InputType, Int } from "type-graphql";
import { TraceCodeType } from "../../codes/index.js";
import type { IssueCodesRequest } from "../../producer/producer-requests.js";

@InputType({ description: "Issue codes for a batch (or, 一品一码, for a product)." })
export class IssueCodesInput implements IssueCodesRequest {
  @Field(() => ID, { nullable: true })
  batchId?: string | null;

  @Field(() => String, { nullable: true })
  productId?: string | null;

  @Field(() => Int, { nullable: true, description: "Codes to issue for PER_ITEM / COMBINED (1-1,000,000)." })
  count?: number | null;

  @Field(() => TraceCodeType, {
    nullable: true,
    description: "PER_ITEM: ITEM; COMBINED: ITEM (default), BUNDLE, MOTHER or SEGMENT.",
  })
  codeType?: TraceCodeType | null;
}
