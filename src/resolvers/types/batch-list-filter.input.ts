import { Field, InputType } from "type-graphql";
import { GraphQLDate } from "graphql-scalars";
import { BatchStatus } from "../../producer/producer-enums.js";
import type { BatchListFilterInput } from "../../producer/batch.service.js";

@InputType({ description: "Narrow batchList; the fields combine with AND." })
export class BatchListFilter implements BatchListFilterInput {
  @Field(() => String, { nullable: true })
  productId?: string | null;

  @Field(() => String, { nullable: true, description: "The maker (any accepted spelling of its id)." })
  manufacturerId?: string | null;

  @Field(() => BatchStatus, { nullable: true })
  status?: BatchStatus | null;

  @Field(() => GraphQLDate, { nullable: true, description: "Produced on or after this day." })
  producedFrom?: Date | null;

  @Field(() => GraphQLDate, { nullable: true, description: "Produced on or before this day." })
  producedTo?: Date | null;
}
