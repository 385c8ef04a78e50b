import type { Logger } from "pino";
import type { OutboxRepository } from "../graph/outbox.repository.js";
import type { SubscriptionRepository } from "../graph/subscription.repository.js";
import { SharedReads, type Delivery } from "./delivery.js";
import type { FanOut } from "./fan-out.js";
import type { NotifyOptions } from "./notify-options.js";
import { compileSchedule, nextRun } from "./query-schedule.js";
import { CoalescedLoop } from "./coalesced-loop.js";

/**
 * The notification worker of one server process (issue 18 item 4): two loops, each woken at once when there is work
 * (a capture of this process committed an outbox change, a fan-out queued items, a delivery ended) and polling
 * every NOTIFY_POLL_MS otherwise (for what other processes wrote). One fans new outbox changes out to the
 * subscriptions' queues and starts the scheduled runs that are due; the other claims subscriptions with items due,
 * all it has slots for in one statement, and delivers to up to `concurrency` of them at once. Everything it works on
 * is leased in Neo4j, so several processes on one database share the work and never deliver one subscription's items
 * at the same time; after a crash, the leases run out and another process (or the restarted one) carries on.
 */
export class NotifyRunner {
  private started = false;
  private stopping = false;
  private readonly running = new Set<Promise<void>>();
  private failures = 0;
  private lastDueCheck = 0;
  private readonly fanOutLoop: CoalescedLoop;
  private readonly deliveryLoop: CoalescedLoop;

  constructor(
    private readonly fanOut: FanOut,
    private readonly delivery: Delivery,
    private readonly outbox: OutboxRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly options: NotifyOptions,
    private readonly queue: string,
    readonly owner: string,
    private readonly logger: Logger,
  ) {
    this.fanOutLoop = new CoalescedLoop(() => this.guarded(() => this.fanOutRound()), options.pollMs);
    this.deliveryLoop = new CoalescedLoop(() => this.guarded(() => this.fill()), options.pollMs);
  }

  start(): void {
    if (this.started || this.options.concurrency === 0) return;
    this.started = true;
    this.logger.info({ notifyOwner: this.owner, queue: this.queue }, "notification worker started");
    this.wake();
  }

  /** Looks for work now (a change committed, a subscription made, dead letters replayed); coalesces overlapping calls. */
  wake(): void {
    if (!this.started || this.stopping) return;
    this.fanOutLoop.wake();
    this.deliveryLoop.wake();
  }

  /** Stops looking for work and waits for the deliveries under way (each gives its lease back when it ends). */
  async stop(deadline: number): Promise<void> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
    });
    await Promise.race([
      Promise.allSettled([
        this.fanOutLoop
          .stop()
          .then(() => this.fanOut.drain())
          // Drained: the lease given back, so another process fans out now rather than when it runs out.
          .then(() => (this.started ? this.outbox.releaseFanOut(this.owner) : undefined))
          .catch((error: unknown) => this.logger.warn({ err: error }, "could not give the fan-out lease back")),
        this.deliveryLoop.stop(),
        ...this.running,
      ]),
      timeout,
    ]);
    clearTimeout(timer);
  }

  /** One fan-out round, and the scheduled runs due (looked for once per poll); true when more changes may wait. */
  private async fanOutRound(): Promise<boolean> {
    const { changes } = await this.fanOut.round(() => this.deliveryLoop.wake());
    if (Date.now() - this.lastDueCheck >= this.options.pollMs) {
      this.lastDueCheck = Date.now();
      if (await this.startDueRuns()) this.deliveryLoop.wake();
    }
    return changes > 0;
  }

  private async guarded(work: () => Promise<boolean>): Promise<boolean> {
    if (this.stopping) return false;
    try {
      const more = await work();
      this.failures = 0;
      return more;
    } catch (error) {
      // Neo4j down: said once, then quiet until it answers again.
      if (this.failures++ === 0) this.logger.warn({ err: error }, "notification worker: could not look for work");
      return false;
    }
  }

  /**
   * Claims subscriptions with items due, as many as there are free delivery slots, with their next items, in one
   * statement; then delivers to them all at once (each subscription's items in order, under its lease).
   * Each delivery wakes the loop when it ends, so a freed slot is filled at once.
   */
  private async fill(): Promise<boolean> {
    const free = this.options.concurrency - this.running.size;
    if (this.stopping || free <= 0) return false;
    const claimed = await this.outbox.claimSubscriptions(
      this.queue,
      this.owner,
      this.options.leaseMs,
      free,
      this.options.batchSize,
    );
    if (claimed.length === 0) return false;
    const reads = new SharedReads();
    for (const { subscription, queued } of claimed) {
      const done: Promise<void> = this.delivery
        .deliver(subscription, queued, reads)
        .catch((error: unknown) => this.logger.warn({ err: error }, "a delivery failed; its lease will run out"))
        .finally(() => {
          this.running.delete(done);
          if (!this.stopping) this.deliveryLoop.wake();
        });
      this.running.add(done);
    }
    // Each delivery's end wakes the loop again (a slot is free).
    return false;
  }

  /** Starts the scheduled runs that are due; true when one was started (its report is queued). */
  private async startDueRuns(): Promise<boolean> {
    let any = false;
    const due = await this.subscriptions.dueRuns(20);
    for (const run of due) {
      const next = nextRun(compileSchedule(JSON.parse(run.schedule)), Math.max(Date.now(), run.nextRunAt));
      const to = new Date(run.nextRunAt).toISOString();
      // Never again when the schedule has no more instants: far in the future.
      const started = await this.subscriptions.startRun(run.id, run.nextRunAt, `run:${to}`, to, next ?? 8.64e15);
      if (started) this.logger.info({ subscriptionId: run.id, window: [run.lastRunAt, to] }, "scheduled run started");
      any ||= started;
    }
    return any;
  }
}
