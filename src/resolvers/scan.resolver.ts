import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { AppContext } from "./context.js";
import type { ScanAlert } from "../producer/market.service.js";
import { ScanResult } from "./types/scan.type.js";
import { ScanInput } from "./types/scan.input.js";
import type { DiversionAlert } from "./types/diversion-alert.type.js";

@Resolver(() => ScanResult)
export class ScanResolver {
  @Mutation(() => ScanResult, { description: "Record a market scan; returns the diversion alerts it raised." })
  async recordScan(@Arg("input", () => ScanInput) input: ScanInput, @Ctx() ctx: AppContext): Promise<ScanResult> {
    const scan = await ctx.services.producer.market.recordScan(input, ctx.principal);
    return { ...scan, alerts: await Promise.all(scan.alerts.map((alert) => withOrganization(alert, ctx))) };
  }
}

async function withOrganization(alert: ScanAlert, ctx: AppContext): Promise<DiversionAlert> {
  const { responsibleOrganization: stored, ...fields } = alert;
  if (stored) ctx.loaders.organization.prime(stored.id, stored);
  const org = fields.responsibleOrgId ? await ctx.loaders.organization.load(fields.responsibleOrgId) : null;
  return {
    ...fields,
    responsibleOrganization: org ?? null,
  };
}
