import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Args } from "type-graphql";
import type { AppContext } from "./context.js";
import { CodeIssue } from "./types/code-issue.type.js";
import { IssueCodesInput } from "./types/code-issue.input.js";
import { Job } from "./types/job.type.js";
import { TraceCodeConnection } from "./types/trace-code-connection.type.js";
import { CodePageArgs } from "./types/page.args.js";

@Resolver(() => CodeIssue)
export class CodeIssueResolver {
  @Mutation(() => CodeIssue, {
    description: "Issue codes once basic info is complete, until release. Over 20,000 codes run as a `job`.",
  })
  async issueCodes(
    @Arg("input", () => IssueCodesInput) input: IssueCodesInput,
    @Ctx() ctx: AppContext,
  ): Promise<CodeIssue> {
    return ctx.services.producer.issuance.issueCodes(input, ctx.principal);
  }

  @Query(() => CodeIssue, { description: "An earlier item-code issuance by its issueId, to page its codes." })
  async codeIssue(@Arg("issueId", () => String) issueId: string, @Ctx() ctx: AppContext): Promise<CodeIssue> {
    return ctx.services.producer.issuance.codeIssue(issueId, ctx.principal);
  }

  @Query(() => Job, { description: "A background job and its progress; NOT_FOUND when unknown." })
  async job(@Arg("id", () => String) id: string, @Ctx() ctx: AppContext): Promise<Job> {
    return ctx.services.producer.issuance.jobFor(id, ctx.principal);
  }

  @FieldResolver(() => TraceCodeConnection, { description: "The codes of this issuance, keyset-paginated by value." })
  async codes(
    @Root() issue: CodeIssue,
    @Args(() => CodePageArgs) { first, after }: CodePageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<TraceCodeConnection> {
    return ctx.services.producer.codes.codesOfIssue(issue, first, after ?? null, ctx.principal);
  }
}
