/**
 * A unit of work run again when woken, never twice at once: a wake while it runs makes it run once more right after
 * (however many wakes came); idle, it runs every `idleMs` (the poll that finds what other processes wrote). `work`
 * answers whether more is waiting (then it runs again at once).
 */
export class CoalescedLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly work: () => Promise<boolean>,
    private readonly idleMs: number,
  ) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.work()
      .then((more) => {
        if (more) this.again = true;
      })
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.idleMs);
          this.timer.unref();
        }
      });
  }

  /** Runs no more; answers when the run under way (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
