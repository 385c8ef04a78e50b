import type { ImportTotals } from "./bulk-importer.js";

/**
 * A one-line progress bar on stderr: events read, accepted, duplicates, rejected and the rate. On a terminal it is
 * redrawn in place; elsewhere (CI logs) a line is printed every few seconds.
 */
export class ProgressLine {
  private readonly started = performance.now();
  private lastPrint = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(totals: ImportTotals, final = false): void {
    const now = performance.now();
    if (!final && !this.stream.isTTY && now - this.lastPrint < 5_000) return;
    this.lastPrint = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(totals.read / seconds) : 0;
    const text =
      `${this.label}: ${totals.read} events read, ${totals.accepted} captured, ${totals.duplicates} duplicates, ` +
      `${totals.rejected} rejected, ${totals.alerts} alerts, ${rate} events/s, ${seconds.toFixed(1)} s`;
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K${text}${final ? "\n" : ""}`);
    else this.stream.write(`${text}\n`);
  }
}
