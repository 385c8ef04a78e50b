import type { OutboxRepository } from "../graph/outbox.repository.js";

interface Accepted {
  subscriptionId: string;
  ids: readonly string[];
  batchSize: number;
  settle: (held: boolean) => void;
  fail: (error: unknown) => void;
}

/**
 * Marks accepted callbacks delivered in batches: each acceptance waits for the next write, which takes every
 * acceptance that came meanwhile in one statement (one transaction instead of one per callback, so the deliveries of
 * a claim do not queue on each other's locks); a slow receiver's acceptance simply goes with a later write.
 */
export class DeliveredBatcher {
  private waiting: Accepted[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly owner: string,
  ) {}

  /** Resolves once written: true, or false when the lease was no longer this process's (nothing written for it). */
  delivered(subscriptionId: string, ids: readonly string[], batchSize: number): Promise<boolean> {
    return new Promise((settle, fail) => {
      this.waiting.push({ subscriptionId, ids, batchSize, settle, fail });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing) return;
    this.writing = this.write().finally(() => {
      this.writing = null;
      if (this.waiting.length > 0) this.schedule();
    });
  }

  private async write(): Promise<void> {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    try {
      const held = await this.outbox.deliveredMany(this.owner, batch);
      for (const accepted of batch) accepted.settle(held.has(accepted.subscriptionId));
    } catch (error) {
      for (const accepted of batch) accepted.fail(error);
    }
  }
}
