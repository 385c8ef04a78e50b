import { Field, Float, Int, ObjectType } from "type-graphql";
import { Organization } from "./organization.type.js";

@ObjectType({ simpleResolvers: true, description: "How much of an organisation's goods leak out of its regions." })
export class LeakRank {
  @Field(() => Organization)
  organization!: Organization;

  @Field(() => Int)
  scans!: number;

  @Field(() => Int)
  alerts!: number;

  @Field(() => Float, { description: "alerts / scans" })
  leakRate!: number;
}
