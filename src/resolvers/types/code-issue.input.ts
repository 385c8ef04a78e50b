import { ArrayMaxSize, Length } from "class-validator";
import { Field, Float, ID, InputType, Int } from "type-graphql";
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

  @Field(() => [Float], {
    nullable: true,
    description:
      "MOTHER codes (子母码): the length of each mother issued, in order (the count when count is omitted). The " +
      "mothers of a batch never add up to more than its quantity.",
  })
  @ArrayMaxSize(20_000)
  motherLengths?: number[] | null;

  @Field(() => Float, { nullable: true, description: "MOTHER codes: one length for every mother issued." })
  motherLength?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Unit of the mother lengths (m, km, 米…); default the batch's unit when it is a length, else m.",
  })
  @Length(1, 20)
  lengthUnit?: string | null;
}
