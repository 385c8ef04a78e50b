/**
 * A push-fed async iterator: what a GraphQL subscription's `subscribe` returns. Values pushed wait (up to `limit`,
 * the oldest dropped past it) until the consumer asks; `return()` (the client completed the subscription or went
 * away) ends it and calls `onEnd` once.
 */
export class LiveStream<T> implements AsyncIterableIterator<T> {
  private readonly queued: T[] = [];
  private readonly waiting: ((result: IteratorResult<T>) => void)[] = [];
  private ended = false;

  constructor(
    private readonly onEnd: () => void,
    private readonly limit = 10_000,
  ) {}

  push(value: T): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter({ value, done: false });
      return;
    }
    this.queued.push(value);
    if (this.queued.length > this.limit) this.queued.shift();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.queued.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /** Ends the stream: waiting consumers are told it is done, queued values are dropped. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queued.length = 0;
    for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
    this.onEnd();
  }
}
