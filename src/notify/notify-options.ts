/**
 * Deliveries of subscriptions (EPCIS 2.0 webhooks): queued in Neo4j with the change that causes them, delivered at
 * least once by a worker in each server process, under a lease per subscription.
 */
export interface NotifyOptions {
  /**
   * WEBHOOK_ALLOWED_HOSTS: host names (`hooks.example.com`, or `*.example.com` for its subdomains) and addresses a
   * webhook may post to; none by default. A private, loopback or link-local address is reached only when that
   * address itself is listed.
   */
  allowedHosts: string[];
  /** WEBHOOK_TIMEOUT_MS: one post, connection to answer. */
  timeoutMs: number;
  /** NOTIFY_RETRY_BASE_MS / NOTIFY_RETRY_MAX_MS: a failed post is retried after base, 2 x base, ... up to max. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** NOTIFY_RETRY_WINDOW_MS: an item still failing this long after its first failure goes to the dead letters. */
  retryWindowMs: number;
  /** NOTIFY_POLL_MS: how often an idle worker looks for changes and items. */
  pollMs: number;
  /** NOTIFY_LEASE_MS: a subscription claimed for delivery stays this process's this long (renewed per post). */
  leaseMs: number;
  /** NOTIFY_BATCH_SIZE: events per callback at most (halved while the receiver answers 413). */
  batchSize: number;
  /** NOTIFY_CONCURRENCY: subscriptions one process delivers at once (0: this process delivers nothing). */
  concurrency: number;
}
