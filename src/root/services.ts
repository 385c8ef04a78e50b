import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import { organizationIdResolver, type OrganizationIdResolver } from "../registry/organization-aliases.js";
import { ApiKeyService } from "../access/api-key.service.js";
import { ReadAccess } from "../access/read-access.js";
import { ScanStatisticsService } from "../research/scan-statistics.service.js";
import { ConsumerService } from "../consumer/consumer.service.js";
import { ServiceRecordService } from "../aftersales/service-record.service.js";
import { WarrantyService } from "../aftersales/warranty.service.js";
import { DiversionAnalyticsService } from "../diversion/diversion-analytics.service.js";
import { DiversionService } from "../diversion/diversion.service.js";
import { CaptureJobService } from "../epcis/capture-job.service.js";
import { CaptureService } from "../epcis/capture.service.js";
import { EventQueryService } from "../epcis/event-query.service.js";
import { MasterDataService } from "../epcis/master-data.service.js";
import { BatchLabelService } from "../labels/batch-labels.service.js";
import { AuditFindingService } from "../producer/audit-finding.service.js";
import { BatchService } from "../producer/batch.service.js";
import { CodeIssuanceService, type IssuanceJobs, type IssuanceOptions } from "../producer/code-issuance.service.js";
import { JobSignal, type JobHandler } from "../jobs/job-runner.js";
import { CodeLinkService } from "../producer/code-link.service.js";
import { DataQualityService } from "../producer/data-quality.service.js";
import { MarketService } from "../producer/market.service.js";
import { ProductService } from "../producer/product.service.js";
import { TraceCodeService } from "../producer/trace-code.service.js";
import { RecallService } from "../recall/recall.service.js";
import { RecallNoticeService } from "../recall/recall-notice.service.js";
import { ReportBuilder } from "../report/report-builder.js";
import { ReportJobService } from "../report/report-job.service.js";
import { loadSigningKey } from "../report/report-signer.js";
import { OrganizationService } from "../registry/organization.service.js";
import { TraceService } from "../trace/trace.service.js";
import type { Config } from "./config.js";
import { SubscriptionService } from "../notify/subscription.service.js";
import { WebhookAllowList } from "../notify/webhook-destination.js";
import { ChannelReader } from "../notify/channel-reader.js";
import { AlertWebhookService } from "../notify/alert-webhook.service.js";
import { LiveHub } from "../notify/live-hub.js";
import { LiveService } from "../notify/live.service.js";
import type { Repositories } from "./composition-root.js";

/** 售后服务: consumers' warranty registrations; makers' warranty terms, service partners and service records. */
export interface AfterSalesServices {
  warranty: WarrantyService;
  services: ServiceRecordService;
}

/** The producer's flow (API-CONTRACT §5), one service per concern. */
export interface ProducerServices {
  products: ProductService;
  batches: BatchService;
  issuance: CodeIssuanceService;
  codes: TraceCodeService;
  links: CodeLinkService;
  market: MarketService;
  quality: DataQualityService;
  /** 内部审核: findings opened by audited changes, assigned and closed by their maker. */
  findings: AuditFindingService;
}

/**
 * The domain services the GraphQL resolvers, REST routes, CLI commands and seeds call. Process-wide: they hold no
 * per-request or tenant state, and they hand out no executor or repository.
 */
export interface Services {
  config: Config;
  logger: Logger;
  /** API keys (API-CONTRACT §6): created, listed, revoked, and checked by the authenticator. */
  apiKeys: ApiKeyService;
  organizationService: OrganizationService;
  traceService: TraceService;
  recallService: RecallService;
  /** Recall notices to the holders of recalled goods, and their acknowledgements (issue 18). */
  recallNotices: RecallNoticeService;
  diversionService: DiversionService;
  diversionAnalytics: DiversionAnalyticsService;
  captureService: CaptureService;
  captureJobs: CaptureJobService;
  eventQueries: EventQueryService;
  /** EPCIS master data captured with documents (issue 16 item 6). */
  masterData: MasterDataService;
  scanStatistics: ScanStatisticsService;
  consumer: ConsumerService;
  afterSales: AfterSalesServices;
  labels: BatchLabelService;
  producer: ProducerServices;
  /** EPCIS 2.0 named queries and their webhook subscriptions (issue 18). */
  subscriptions: SubscriptionService;
  /** Regulator reports (追溯报告, issue 16 item 7): signed JSON and XLSX of a batch or a recall, built as jobs. */
  reports: ReportJobService;
  /** Diversion alerts delivered to webhooks (issue 18). */
  alertWebhooks: AlertWebhookService;
  /** Reads what a streaming subscription is sent, with its subscriber's view (the fan-out, deliveries, live pushes). */
  channels: ChannelReader;
  /** GraphQL subscriptions (issue 18 item 2): events, alerts, recall notices, job progress. */
  live: LiveService;
}

export interface ServiceOptions {
  /** Tests replace the issuance's chunk size and random source. */
  issuance?: Partial<IssuanceOptions>;
}

/**
 * Creates the services. `jobSignal` wakes this process's job worker when a service stores a job (the composition
 * root passes the one its JobRunner listens to).
 */
export function createServices(
  config: Config,
  logger: Logger,
  repositories: Repositories,
  options: ServiceOptions = {},
  jobSignal: JobSignal = new JobSignal(),
  notifySignal: JobSignal = new JobSignal(),
): Services {
  const { publicBaseUrl } = config;
  const organizationId = organizationIdsOf(repositories);
  const diversionService = new DiversionService(repositories.alerts, organizationId);
  const readAccess = new ReadAccess(repositories.readVisibility);
  const jobs: IssuanceJobs = { store: repositories.jobs, queue: config.jobs.queue, signal: jobSignal };
  const issuance = {
    inlineLimit: config.jobs.issueInlineLimit,
    chunkSize: config.jobs.issueChunkSize,
    parallel: config.jobs.issueParallel,
    ...options.issuance,
  };
  const producer = createProducerServices(repositories, readAccess, publicBaseUrl, logger, issuance, jobs);
  const captureService = new CaptureService(repositories.flowWriter, repositories.organizations);
  const organizationService = new OrganizationService(
    repositories.organizations,
    readAccess,
    async (orgId, principal) => {
      await diversionService.rejudgeOrganization(orgId, principal, "authorised regions changed");
    },
  );
  const recallService = new RecallService(repositories.recall);
  const eventQueries = new EventQueryService(repositories.events, publicBaseUrl, repositories.masterData);
  const channels = new ChannelReader(eventQueries, repositories.alerts, repositories.recallNotices);
  const liveHub = new LiveHub(
    repositories.liveSubscriptions,
    `live:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    { pollMs: config.notify.pollMs, ttlMs: Math.max(3 * config.notify.pollMs, config.notify.leaseMs), batchSize: 100 },
    logger,
  );
  const consumer = new ConsumerService(
    repositories.consumer,
    producer.codes,
    repositories.consumerVisits,
    config.consumer.privacySecret,
    logger,
  );
  return {
    config,
    logger,
    apiKeys: new ApiKeyService(repositories.apiKeys),
    organizationService,
    traceService: new TraceService(repositories.traces, readAccess),
    recallService,
    recallNotices: new RecallNoticeService(repositories.recallNotices),
    diversionService,
    diversionAnalytics: new DiversionAnalyticsService(
      repositories.analytics,
      repositories.organizations,
      diversionService,
    ),
    captureService,
    captureJobs: new CaptureJobService(
      repositories.captureJobs,
      repositories.jobs,
      captureService,
      config.jobs.queue,
      jobSignal,
      logger,
    ),
    eventQueries,
    masterData: new MasterDataService(repositories.masterData),
    scanStatistics: new ScanStatisticsService(repositories.scanStatistics),
    consumer,
    afterSales: {
      warranty: new WarrantyService(repositories.afterSales, consumer, config.consumer.privacySecret),
      services: new ServiceRecordService(repositories.afterSales, producer.products, readAccess),
    },
    labels: new BatchLabelService(repositories.consumer, producer.codes, publicBaseUrl),
    producer,
    subscriptions: new SubscriptionService(
      repositories.subscriptions,
      repositories.outbox,
      eventQueries,
      new WebhookAllowList(config.notify.allowedHosts),
      { batchSize: config.notify.batchSize, queue: config.jobs.queue },
      () => notifySignal.wake(),
    ),
    reports: createReportService(repositories, producer, organizationService, recallService, config, logger, jobs),
    alertWebhooks: new AlertWebhookService(
      repositories.subscriptions,
      repositories.outbox,
      diversionService,
      new WebhookAllowList(config.notify.allowedHosts),
      { batchSize: config.notify.batchSize, queue: config.jobs.queue },
    ),
    channels,
    live: new LiveService(liveHub, channels, eventQueries, diversionService, producer.issuance, config.notify.pollMs),
  };
}

function createReportService(
  repositories: Repositories,
  producer: ProducerServices,
  organizations: OrganizationService,
  recall: RecallService,
  config: Config,
  logger: Logger,
  jobs: IssuanceJobs,
): ReportJobService {
  const key = loadSigningKey(config.reportSigningKeyPath);
  if (key.ephemeral) {
    logger.warn({ keyId: key.keyId }, "REPORT_SIGNING_KEY is not set: reports are signed with a key of this process");
  }
  const { batches, products } = producer;
  const builder = new ReportBuilder({ batches, products, organizations, recall, reports: repositories.reports });
  return new ReportJobService(
    repositories.reports,
    builder,
    batches,
    products,
    { ...jobs, job: (id, principal) => producer.issuance.jobFor(id, principal) },
    key,
    logger,
  );
}

function createProducerServices(
  repositories: Repositories,
  readAccess: ReadAccess,
  publicBaseUrl: string,
  logger: Logger,
  issuance: Partial<IssuanceOptions> | undefined,
  jobs: IssuanceJobs,
): ProducerServices {
  const { producer, traceCodes } = repositories;
  return {
    products: new ProductService(producer, readAccess),
    batches: new BatchService(producer, readAccess),
    issuance: new CodeIssuanceService(producer, traceCodes, jobs, logger, issuance),
    codes: new TraceCodeService(traceCodes, publicBaseUrl, readAccess),
    links: new CodeLinkService(traceCodes, readAccess),
    market: new MarketService(producer, traceCodes),
    quality: new DataQualityService(producer),
    findings: new AuditFindingService(repositories.auditFindings, organizationIdsOf(repositories)),
  };
}

/** The handlers of every kind of durable job, for the job worker. */
/** Any identifier of an organisation (its id, USCC or a party GLN) to its id, over the registry's identifiers. */
export function organizationIdsOf(repositories: Repositories): OrganizationIdResolver {
  return organizationIdResolver((values) => repositories.organizations.organizationIds(values));
}

export function jobHandlers(services: Services): JobHandler[] {
  return [services.captureJobs, services.producer.issuance, services.reports];
}
