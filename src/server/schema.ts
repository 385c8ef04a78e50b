import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { OrganizationResolver } from "../resolvers/organization.resolver.js";
import { TraceResolver } from "../resolvers/trace.resolver.js";
import { TraceNodeResolver } from "../resolvers/trace-node.resolver.js";
import { RecallResolver } from "../resolvers/recall.resolver.js";
import { RecallNoticeResolver } from "../resolvers/recall-notice.resolver.js";
import { DiversionResolver } from "../resolvers/diversion.resolver.js";
import { DiversionAnalyticsResolver } from "../resolvers/diversion-analytics.resolver.js";
import { BatchResolver } from "../resolvers/batch.resolver.js";
import { CodeIssueResolver } from "../resolvers/code-issue.resolver.js";
import { MassBalanceResolver } from "../resolvers/mass-balance.resolver.js";
import { AuditFindingResolver } from "../resolvers/audit-finding.resolver.js";
import { DataQualityResolver } from "../resolvers/data-quality.resolver.js";
import { ProductResolver } from "../resolvers/product.resolver.js";
import { ScanResolver } from "../resolvers/scan.resolver.js";
import { ShipmentResolver } from "../resolvers/shipment.resolver.js";
import { TraceCodeResolver } from "../resolvers/trace-code.resolver.js";
import { EpcisResolver } from "../resolvers/epcis.resolver.js";
import { ApiKeyResolver } from "../resolvers/api-key.resolver.js";
import { ScanStatisticsResolver } from "../resolvers/scan-statistics.resolver.js";
import { AfterSalesResolver } from "../resolvers/after-sales.resolver.js";
import { ViewerResolver } from "../resolvers/viewer.resolver.js";
import { ReportResolver } from "../resolvers/report.resolver.js";
import { LocationMasterDataResolver, MasterDataResolver } from "../resolvers/master-data.resolver.js";
import { LiveResolver } from "../resolvers/live.resolver.js";
import { TraceGraphResolver } from "../resolvers/trace-graph.resolver.js";
import { validateArgument } from "./argument-validator.js";

/** Every resolver class of the API; the schema is built from these and emitted to schema.graphql. */
export const RESOLVERS = [
  OrganizationResolver,
  TraceResolver,
  TraceNodeResolver,
  TraceGraphResolver,
  RecallResolver,
  RecallNoticeResolver,
  DiversionResolver,
  DiversionAnalyticsResolver,
  EpcisResolver,
  MasterDataResolver,
  LocationMasterDataResolver,
  ReportResolver,
  // The producer's flow (API-CONTRACT §5): one thin resolver class per object type.
  ProductResolver,
  BatchResolver,
  CodeIssueResolver,
  TraceCodeResolver,
  MassBalanceResolver,
  ShipmentResolver,
  ScanResolver,
  ScanStatisticsResolver,
  DataQualityResolver,
  AuditFindingResolver,
  // 售后服务: warranty terms, service partners, service records.
  AfterSalesResolver,
  // Credentials (API-CONTRACT §6): createApiKey, revokeApiKey, apiKeys; ADMIN only.
  ApiKeyResolver,
  // Who is calling (the trace explorer shows it and picks its views by role).
  ViewerResolver,
  // Subscriptions over graphql-ws (issue 18): events, alerts, recall notices, job progress.
  LiveResolver,
] as const;

/**
 * type-graphql asks for a PubSub as soon as a schema has subscriptions; ours each have their own `subscribe` (fed by
 * the outbox, see src/notify/live-hub.ts), so nothing is ever published or subscribed to by topic.
 */
const NO_TOPICS: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error("subscriptions by topic are not used: every subscription has its own subscribe function");
  },
};

export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    // Input classes carry class-validator bounds; violations become BAD_USER_INPUT before a resolver runs.
    validateFn: validateArgument,
    pubSub: NO_TOPICS,
  });
}

/** The SDL as checked in: sorted, so the file only changes when the API does. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
