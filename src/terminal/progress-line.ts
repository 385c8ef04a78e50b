/**
 * One progress line on stderr for long command-line jobs. On a terminal it is redrawn in place (at most ten times a
 * second); elsewhere (CI logs, a pipe) a line is printed every five seconds, and always at the end.
 */
export class ProgressLine {
  private readonly started = performance.now();
  private lastPrint = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** Seconds since the job started. */
  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** Per-second rate of `count` since the start. */
  rate(count: number): number {
    return this.seconds > 0 ? Math.round(count / this.seconds) : 0;
  }

  /** Prints `render()` unless the last print was too recent; `render` is only called when printing. */
  show(render: () => string, final = false): void {
    const now = performance.now();
    if (!final && now - this.lastPrint < (this.stream.isTTY ? 100 : 5_000)) return;
    this.lastPrint = now;
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K${render()}${final ? "\n" : ""}`);
    else this.stream.write(`${render()}\n`);
  }
}
