import type { Logger } from "pino";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { JobSignal } from "../jobs/job-runner.js";
import { Delivery } from "../notify/delivery.js";
import { FanOut } from "../notify/fan-out.js";
import { NotifyRunner } from "../notify/notify-runner.js";
import { WebhookAllowList } from "../notify/webhook-destination.js";
import { WebhookPoster } from "../notify/webhook-poster.js";
import type { Repositories } from "./composition-root.js";
import type { Config } from "./config.js";
import type { Services } from "./services.js";

/** The notification worker of this process, woken by `signal` (a subscription made, dead letters replayed). */
export function createNotifyRunner(
  config: Config,
  logger: Logger,
  repositories: Repositories,
  services: Services,
  signal: JobSignal,
): NotifyRunner {
  const options = config.notify;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const poster = new WebhookPoster(new WebhookAllowList(options.allowedHosts), options.timeoutMs);
  const runner = new NotifyRunner(
    new FanOut(repositories.outbox, repositories.subscriptions, services.channels, owner, options.leaseMs, logger, () =>
      services.live.wake(),
    ),
    new Delivery(repositories.outbox, services.eventQueries, services.channels, poster, options, owner, logger),
    repositories.outbox,
    repositories.subscriptions,
    options,
    config.jobs.queue,
    owner,
    logger,
  );
  signal.onWake(() => runner.wake());
  return runner;
}
