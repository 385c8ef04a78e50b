import "reflect-metadata";
import type { Driver } from "neo4j-driver";
import type { Logger } from "pino";
import { createDriver } from "../graph/driver.js";
import { CircuitBreaker } from "../graph/circuit-breaker.js";
import { Executor } from "../graph/executor.js";
import { migrate } from "../graph/migrations.js";
import { loadConfig, type Config } from "./config.js";
import { startLocalNeo4j } from "./local-neo4j.js";
import { createLogger } from "./logger.js";
import { Readiness } from "./readiness.js";
import { createAuthenticator, type Authenticator } from "../access/authenticator.js";
import { AlertRepository } from "../graph/alert.repository.js";
import { AuditFindingRepository } from "../graph/audit-finding.repository.js";
import { ApiKeyRepository } from "../graph/api-key.repository.js";
import { AnalyticsRepository } from "../graph/analytics.repository.js";
import { CaptureJobRepository } from "../graph/capture-job.repository.js";
import { ConsumerRepository } from "../graph/consumer.repository.js";
import { ConsumerVisitRepository } from "../graph/consumer-visit.repository.js";
import { AfterSalesRepository } from "../graph/after-sales.repository.js";
import { EventRepository } from "../graph/event.repository.js";
import { FlowWriterRepository } from "../graph/flow-writer.repository.js";
import { MasterDataRepository } from "../graph/master-data.repository.js";
import { OrganizationRepository } from "../graph/organization.repository.js";
import { ProducerRepository } from "../graph/producer.repository.js";
import { ReadVisibilityRepository } from "../graph/read-visibility.repository.js";
import { RecallRepository } from "../graph/recall.repository.js";
import { ReportRepository } from "../graph/report.repository.js";
import { RecallNoticeRepository } from "../graph/recall-notice.repository.js";
import { ScanStatisticsRepository } from "../graph/scan-statistics.repository.js";
import { TraceCodeRepository } from "../graph/trace-code.repository.js";
import { TraceRepository } from "../graph/trace.repository.js";
import { createServices, jobHandlers, organizationIdsOf, type ServiceOptions, type Services } from "./services.js";
import { JobRepository } from "../graph/job.repository.js";
import { JobRunner, JobSignal } from "../jobs/job-runner.js";
import { OutboxRepository } from "../graph/outbox.repository.js";
import { LiveSubscriptionRepository } from "../graph/live-subscription.repository.js";
import { SubscriptionRepository } from "../graph/subscription.repository.js";
import { createNotifyRunner } from "./notify-runner.js";
import type { NotifyRunner } from "../notify/notify-runner.js";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/** Every repository, each bound to the one executor. This file is the only place that constructs them. */
export interface Repositories {
  afterSales: AfterSalesRepository;
  alerts: AlertRepository;
  auditFindings: AuditFindingRepository;
  analytics: AnalyticsRepository;
  apiKeys: ApiKeyRepository;
  captureJobs: CaptureJobRepository;
  jobs: JobRepository;
  consumer: ConsumerRepository;
  consumerVisits: ConsumerVisitRepository;
  events: EventRepository;
  flowWriter: FlowWriterRepository;
  masterData: MasterDataRepository;
  organizations: OrganizationRepository;
  outbox: OutboxRepository;
  liveSubscriptions: LiveSubscriptionRepository;
  subscriptions: SubscriptionRepository;
  producer: ProducerRepository;
  readVisibility: ReadVisibilityRepository;
  scanStatistics: ScanStatisticsRepository;
  recall: RecallRepository;
  recallNotices: RecallNoticeRepository;
  reports: ReportRepository;
  traceCodes: TraceCodeRepository;
  traces: TraceRepository;
}

export function createRepositories(executor: Executor): Repositories {
  return {
    afterSales: new AfterSalesRepository(executor),
    alerts: new AlertRepository(executor),
    auditFindings: new AuditFindingRepository(executor),
    analytics: new AnalyticsRepository(executor),
    apiKeys: new ApiKeyRepository(executor),
    captureJobs: new CaptureJobRepository(executor),
    jobs: new JobRepository(executor),
    consumer: new ConsumerRepository(executor),
    consumerVisits: new ConsumerVisitRepository(executor),
    events: new EventRepository(executor),
    flowWriter: new FlowWriterRepository(executor),
    masterData: new MasterDataRepository(executor),
    organizations: new OrganizationRepository(executor),
    outbox: new OutboxRepository(executor),
    liveSubscriptions: new LiveSubscriptionRepository(executor),
    subscriptions: new SubscriptionRepository(executor),
    producer: new ProducerRepository(executor),
    readVisibility: new ReadVisibilityRepository(executor),
    scanStatistics: new ScanStatisticsRepository(executor),
    recall: new RecallRepository(executor),
    recallNotices: new RecallNoticeRepository(executor),
    reports: new ReportRepository(executor),
    traceCodes: new TraceCodeRepository(executor),
    traces: new TraceRepository(executor),
  };
}

export interface ApplicationOptions extends ServiceOptions {
  /** Default: read from the environment and validated (ConfigError names every bad variable). */
  config?: Config;
  /** Default: a pino logger at the configured level. */
  logger?: Logger;
  /** Start the local Neo4j launcher when no external `NEO4J_URI` is configured (the server and the CLI do). */
  startLocalDatabase?: boolean;
  /** Server-side transaction timeout; default `QUERY_TIMEOUT_MS`. */
  queryTimeoutMs?: number;
}

/** Everything one process needs, built once: config, driver, executor, repositories, services, readiness. */
export interface Application {
  config: Config;
  logger: Logger;
  /** For tests that open a session of their own; everything else goes through the executor. */
  driver: Driver;
  executor: Executor;
  repositories: Repositories;
  services: Services;
  readiness: Readiness;
  /**
   * This process's job worker (durable jobs: EPCIS captures, large issuances). Not started here: the server starts it
   * (`jobs.start()`) and stops it at shutdown; the CLI never runs jobs.
   */
  jobs: JobRunner;
  /**
   * This process's notification worker (issue 18: outbox fan-out, webhook deliveries, scheduled runs). Started by the
   * server (`notify.start()`) and stopped at shutdown, as the job worker is.
   */
  notify: NotifyRunner;
  /**
   * What turns a bearer credential into a principal (API keys, ADMIN_API_KEY, JWTs per Config.auth), built on the
   * first call and shared after: building it reads a JWKS file, so it is async, and a wrong path fails the start.
   */
  authenticator(): Promise<Authenticator>;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  /** Closes the driver; the application is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * The composition root: the server, every CLI command, the seeds, the tests and the benchmarks start from here, so
 * startup is written once and nothing else constructs a repository or a driver.
 */
export function createApplication(options: ApplicationOptions = {}): Application {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config.logLevel);
  if (options.startLocalDatabase && !config.neo4j.externalUri) startLocalNeo4j();
  const driver: Driver = createDriver(config.neo4j);
  const notifySignal = new JobSignal();
  const executor = new Executor(driver, {
    database: config.neo4j.database,
    timeoutMs: options.queryTimeoutMs ?? config.neo4j.queryTimeoutMs,
    logger,
    breaker: new CircuitBreaker({ openMs: config.neo4j.failFastMs }),
    // A committed outbox change wakes this process's notification worker at once (others find it at their poll).
    wakeOnCommit: { statements: new Set(["outbox.recordChange"]), wake: () => notifySignal.wake() },
  });
  const repositories = createRepositories(executor);
  const jobSignal = new JobSignal();
  const services = createServices(config, logger, repositories, options, jobSignal, notifySignal);
  const jobs = new JobRunner(
    repositories.jobs,
    jobHandlers(services),
    { ...config.jobs, owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` },
    logger,
    jobSignal,
  );
  const notify = createNotifyRunner(config, logger, repositories, services, notifySignal);
  let authenticator: Promise<Authenticator> | undefined;
  return {
    config,
    logger,
    driver,
    executor,
    repositories,
    services,
    readiness: new Readiness(executor, logger),
    jobs,
    notify,
    authenticator: () => {
      authenticator ??= createAuthenticator(services.apiKeys, config.auth, organizationIdsOf(repositories)).catch(
        (error: unknown) => {
          // Not memoised when it fails: a JWKS file put in place afterwards is read by the next call.
          authenticator = undefined;
          throw error;
        },
      );
      return authenticator;
    },
    migrate: async () => {
      await migrate(executor);
    },
    close: () => driver.close(),
  };
}
