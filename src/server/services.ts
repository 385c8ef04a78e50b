import type { Logger } from "pino";
import type { Executor } from "../graph/executor.js";
import { OrganizationRepository } from "../graph/organization.repository.js";
import { OrganizationService } from "../registry/organization.service.js";
import { TraceRepository } from "../graph/trace.repository.js";
import { TraceService } from "../trace/trace.service.js";
import { FlowWriter } from "../graph/flow-writer.repository.js";
import { RecallRepository } from "../graph/recall.repository.js";
import { RecallService } from "../recall/recall.service.js";
import { AlertRepository } from "../graph/alert.repository.js";
import { DiversionService } from "../diversion/diversion.service.js";
import { AnalyticsRepository } from "../graph/analytics.repository.js";
import { CaptureService } from "../epcis/capture.service.js";
import { CaptureJobRepository } from "../graph/capture-job.repository.js";
import { EventQueryService } from "../epcis/event-query.service.js";
import { EventRepository } from "../graph/event.repository.js";
import { createProducerServices, type ProducerServices } from "../producer/producer-services.js";
import type { Config } from "./config.js";

/** Process-wide services, bound to the shared executor; they hold no per-request or tenant state. */
export interface Services {
  config: Config;
  logger: Logger;
  executor: Executor;
  organizations: OrganizationRepository;
  organizationService: OrganizationService;
  traces: TraceRepository;
  traceService: TraceService;
  flowWriter: FlowWriter;
  recallService: RecallService;
  alerts: AlertRepository;
  diversionService: DiversionService;
  analytics: AnalyticsRepository;
  captureService: CaptureService;
  captureJobs: CaptureJobRepository;
  eventQueries: EventQueryService;
  producer: ProducerServices;
}

export function createServices(config: Config, executor: Executor, logger: Logger): Services {
  const organizations = new OrganizationRepository(executor);
  const traces = new TraceRepository(executor);
  const alerts = new AlertRepository(executor);
  const flowWriter = new FlowWriter(executor);
  const diversionService = new DiversionService(alerts);
  return {
    config,
    logger,
    executor,
    organizations,
    organizationService: new OrganizationService(organizations, async (orgId) => {
      await diversionService.rejudgeOrganization(orgId);
    }),
    traces,
    traceService: new TraceService(traces),
    flowWriter,
    recallService: new RecallService(new RecallRepository(executor)),
    alerts,
    diversionService,
    analytics: new AnalyticsRepository(executor),
    captureService: new CaptureService(flowWriter),
    captureJobs: new CaptureJobRepository(executor),
    eventQueries: new EventQueryService(new EventRepository(executor)),
    producer: createProducerServices(executor, { publicBaseUrl: config.publicBaseUrl, logger }),
  };
}
