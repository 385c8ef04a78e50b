import { Field, Int, ObjectType } from "type-graphql";
import { Job } from "./job.type.js";

@ObjectType({ simpleResolvers: true, description: "The result of one issueCodes call; large issuances run as a job." })
export class CodeIssue {
  @Field(() => String, { description: "Id of this issuance; each issued code carries it." })
  issueId!: string;

  @Field(() => Int, { description: "Codes issued by this call so far (0 while a job runs: see `job`)." })
  issued!: number;

  @Field(() => Job, { nullable: true, description: "Set when the issuance runs in the background." })
  job!: Job | null;

  /** For single-code modes (一品一码, 一批一码): the code, which is the product's or batch's key. */
  keys!: string[] | null;
}
