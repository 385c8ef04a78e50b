import { Field, Float, ID, Int, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description: "Mass balance of a batch's mother codes (子母码): what their lengths take of the batch's quantity.",
})
export class BatchMassBalance {
  @Field(() => ID)
  batchId!: string;

  @Field(() => Float)
  quantity!: number;

  @Field(() => String)
  unit!: string;

  @Field(() => Float, {
    nullable: true,
    description: "The mothers' lengths added up, in the batch's unit; null when the batch is not measured in length.",
  })
  mothersLength!: number | null;

  @Field(() => Float, { nullable: true, description: "quantity - mothersLength: what no mother code covers yet." })
  unallocated!: number | null;

  @Field(() => Int, { description: "The batch's mother codes." })
  mothers!: number;

  @Field(() => Int, { description: "Mother codes whose length is not known yet (given at issuance or first link)." })
  mothersWithoutLength!: number;
}
