import type { Logger } from "pino";
import type { OutboxRepository } from "../graph/outbox.repository.js";
import type { SubscriptionRepository } from "../graph/subscription.repository.js";
import type { Delivery } from "./delivery.js";
import type { FanOut } from "./fan-out.js";
import type { NotifyOptions } from "./notify-options.js";
import { compileSchedule, nextRun } from "./query-schedule.js";

/** Fan-out rounds (of up to 50 changes each) before the loop turns to deliveries. */
const FAN_OUT_ROUNDS = 4;

/**
 * The notification worker of one server process (issue 18 item 4): a loop that fans new outbox changes out to the
 * subscriptions' queues and starts the scheduled runs that are due, and up to `concurrency` deliveries of claimed
 * subscriptions at once. Everything it works on is leased in Neo4j, so several processes on one database share the
 * work and never deliver one subscription's items at the same time; after a crash, the leases run out and another
 * process (or the restarted one) carries on.
 */
export class NotifyRunner {
  private started = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private looping: Promise<void> | null = null;
  private again = false;
  private readonly running = new Set<Promise<void>>();
  private failures = 0;

  constructor(
    private readonly fanOut: FanOut,
    private readonly delivery: Delivery,
    private readonly outbox: OutboxRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly options: NotifyOptions,
    private readonly queue: string,
    readonly owner: string,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.started || this.options.concurrency === 0) return;
    this.started = true;
    this.logger.info({ notifyOwner: this.owner, queue: this.queue }, "notification worker started");
    this.wake();
  }

  /** Looks for work now (a subscription was made, dead letters replayed); coalesces calls that overlap. */
  wake(): void {
    if (!this.started || this.stopping) return;
    if (this.looping) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.looping = this.round().finally(() => {
      this.looping = null;
      if (this.stopping) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), this.options.pollMs);
        this.timer.unref();
      }
    });
  }

  /** Stops looking for work and waits for the deliveries under way (each gives its lease back when it ends). */
  async stop(deadline: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
    });
    await Promise.race([Promise.allSettled([this.looping, ...this.running]), timeout]);
    clearTimeout(timer);
  }

  private async round(): Promise<void> {
    try {
      // A few rounds at most before deliveries get their turn, so a steady ingest never holds them up.
      for (let round = 0; round < FAN_OUT_ROUNDS; round++) {
        const { changes } = await this.fanOut.round();
        if (changes === 0) break;
        this.again = true;
      }
      await this.startDueRuns();
      await this.fill();
      this.failures = 0;
    } catch (error) {
      // Neo4j down: said once, then quiet until it answers again.
      if (this.failures++ === 0) this.logger.warn({ err: error }, "notification worker: could not look for work");
    }
  }

  /**
   * Claims subscriptions with items due, one at a time, up to the concurrency (an idle process asks once per poll);
   * each delivery wakes the loop when it ends.
   */
  private async fill(): Promise<void> {
    while (!this.stopping && this.running.size < this.options.concurrency) {
      const subscription = await this.outbox.claimSubscription(this.queue, this.owner, this.options.leaseMs);
      if (!subscription) return;
      const done: Promise<void> = this.delivery
        .deliver(subscription)
        .catch((error: unknown) => this.logger.warn({ err: error }, "a delivery failed; its lease will run out"))
        .finally(() => {
          this.running.delete(done);
          this.wake();
        });
      this.running.add(done);
    }
  }

  private async startDueRuns(): Promise<void> {
    const due = await this.subscriptions.dueRuns(20);
    for (const run of due) {
      const next = nextRun(compileSchedule(JSON.parse(run.schedule)), Math.max(Date.now(), run.nextRunAt));
      const to = new Date(run.nextRunAt).toISOString();
      // Never again when the schedule has no more instants: far in the future.
      const started = await this.subscriptions.startRun(run.id, run.nextRunAt, `run:${to}`, to, next ?? 8.64e15);
      if (started) this.logger.info({ subscriptionId: run.id, window: [run.lastRunAt, to] }, "scheduled run started");
    }
  }
}
