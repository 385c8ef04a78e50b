import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import type { AuditFindingRecord } from "../producer/audit-finding.service.js";
import { AuditFinding } from "./types/audit-finding.type.js";
import { AuditFindingConnection } from "./types/audit-finding-connection.type.js";
import { AuditFindingFilter } from "./types/audit-finding-filter.input.js";
import { FindingPageArgs } from "./types/page.args.js";

function toAuditFinding(finding: AuditFindingRecord): AuditFinding {
  return {
    ...finding,
    openedAt: new Date(finding.openedAt),
    closedAt: finding.closedAt === null ? null : new Date(finding.closedAt),
  };
}

@Resolver(() => AuditFinding)
export class AuditFindingResolver {
  @Query(() => AuditFindingConnection, {
    description: "内部审核 findings, newest first: a maker's own; the operator and regulators see all.",
  })
  async auditFindings(
    @Arg("filter", () => AuditFindingFilter, { nullable: true }) filter: AuditFindingFilter | null,
    @Args(() => FindingPageArgs) { first, after }: FindingPageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<AuditFindingConnection> {
    const page = await ctx.services.producer.findings.list(filter, first, after ?? null, ctx.principal);
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: toAuditFinding(edge.node) })) };
  }

  @Mutation(() => AuditFinding, { description: "Close an open finding with its conclusion (the maker only)." })
  async closeAuditFinding(
    @Arg("id", () => String) id: string,
    @Arg("conclusion", () => String) conclusion: string,
    @Ctx() ctx: AppContext,
  ): Promise<AuditFinding> {
    return toAuditFinding(await ctx.services.producer.findings.close(id, conclusion, ctx.principal));
  }

  @Mutation(() => AuditFinding, { description: "Give an open finding another owner (the maker only)." })
  async assignAuditFinding(
    @Arg("id", () => String) id: string,
    @Arg("owner", () => String) owner: string,
    @Ctx() ctx: AppContext,
  ): Promise<AuditFinding> {
    return toAuditFinding(await ctx.services.producer.findings.assign(id, owner, ctx.principal));
  }
}
