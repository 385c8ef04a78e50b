import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Principal } from "../access/principal.js";
import type { LiveSubscriptionRepository } from "../graph/live-subscription.repository.js";
import type { Channel } from "./channel-reader.js";
import { LiveStream } from "./live-stream.js";

export interface LiveHubOptions {
  /** How often the hub looks for items of its subscriptions while it holds any (woken at once by a local fan-out). */
  pollMs: number;
  /** A live subscription not renewed this long is taken for dead (its process died) and swept. */
  ttlMs: number;
  /** Items taken per subscription at once. */
  batchSize: number;
}

/** Turns a batch of keys into what the subscriber is sent (read with its view); empty when it may see none. */
export type LiveLoader<T> = (keys: string[]) => Promise<T[]>;

interface Sink {
  deliver(keys: string[]): Promise<void>;
  end(): void;
}

/**
 * The live (GraphQL, graphql-ws) subscriptions this server process holds (issue 18 item 2). Each is stored as a
 * streaming subscription of this process's own queue, so the outbox's fan-out, in whichever process claims a change,
 * matches it with the subscriber's view and queues its items; the hub takes them (one statement for all its
 * subscriptions), reads them again as the subscriber may see them, and pushes them in order. While it holds
 * subscriptions it renews them, and sweeps those of processes that stopped renewing theirs.
 */
export class LiveHub {
  private readonly sinks = new Map<string, Sink>();
  private readonly stored = new Set<string>();
  private storedEver = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private lastRenewal = 0;
  private failures = 0;

  constructor(
    private readonly repository: LiveSubscriptionRepository,
    readonly queue: string,
    private readonly options: LiveHubOptions,
    private readonly logger: Logger,
  ) {}

  /** How many live subscriptions this process has stored since it started (tests wait for theirs). */
  get opened(): number {
    return this.storedEver;
  }

  /** How many live subscriptions this process holds and has stored (so they are fanned out to). */
  get size(): number {
    return this.stored.size;
  }

  /** Opens a live subscription; the stream it answers ends (and the subscription with it) when its consumer stops. */
  async open<T>(channel: Channel, params: string, principal: Principal, load: LiveLoader<T>): Promise<LiveStream<T>> {
    const id = randomUUID();
    const stream = new LiveStream<T>(() => this.close(id));
    let chain = Promise.resolve();
    this.sinks.set(id, {
      // Batches of one subscription are read and pushed in the order they were taken.
      deliver: (keys) =>
        (chain = chain.then(async () => {
          if (stream.isEnded) return;
          for (const value of await load(keys)) stream.push(value);
        })),
      end: () => stream.end(),
    });
    try {
      await this.repository.open(
        { id, channel, queue: this.queue, params, principal: JSON.stringify(principal) },
        this.options.ttlMs,
      );
    } catch (error) {
      this.sinks.delete(id);
      throw error;
    }
    if (!this.sinks.has(id)) {
      // Ended while it was being stored.
      await this.repository.end(id);
      return stream;
    }
    this.stored.add(id);
    this.storedEver++;
    this.lastRenewal = this.lastRenewal || Date.now();
    this.wake();
    return stream;
  }

  /** Looks for items now (a fan-out of this process queued some); coalesces calls that overlap. */
  wake(): void {
    if (this.sinks.size === 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.sinks.size === 0) return;
      if (this.again) {
        this.again = false;
        this.wake();
        return;
      }
      this.timer = setTimeout(() => this.wake(), this.options.pollMs);
      this.timer.unref();
    });
  }

  /** Ends every subscription this process holds (shutdown). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    for (const sink of [...this.sinks.values()]) sink.end();
    await this.running;
  }

  private close(id: string): void {
    if (!this.sinks.delete(id)) return;
    if (!this.stored.delete(id)) return;
    this.repository.end(id).catch((error: unknown) => {
      // It expires and is swept once this process stops renewing it.
      this.logger.warn({ err: error, liveSubscriptionId: id }, "could not end a live subscription");
    });
  }

  private async round(): Promise<void> {
    try {
      if (Date.now() - this.lastRenewal >= this.options.ttlMs / 3) {
        this.lastRenewal = Date.now();
        await this.repository.renew(this.queue, this.options.ttlMs);
        const swept = await this.repository.endExpired(100);
        if (swept > 0) this.logger.info({ swept }, "live subscriptions of stopped processes swept");
      }
      const batches = await this.repository.take(this.queue, this.options.batchSize);
      await Promise.all(
        batches.map(async (batch) => {
          const sink = this.sinks.get(batch.subscriptionId);
          if (!sink) return;
          try {
            await sink.deliver(batch.keys);
          } catch (error) {
            this.logger.warn({ err: error, liveSubscriptionId: batch.subscriptionId }, "a live push failed");
          }
        }),
      );
      if (batches.some((b) => b.keys.length >= this.options.batchSize)) this.again = true;
      this.failures = 0;
    } catch (error) {
      if (this.failures++ === 0) this.logger.warn({ err: error }, "live subscriptions: could not look for items");
    }
  }
}
