import { ProgressLine } from "../../terminal/progress-line.js";
import type { CsvImportTotals } from "./importer.js";

const WIDTH = 24;

/** The CSV import's progress: share of the file read, rows imported / skipped / rejected and rows/s. */
export class CsvProgressBar {
  private readonly line: ProgressLine;
  private lastFraction = 0;

  constructor(
    private readonly label: string,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.line = new ProgressLine(stream);
  }

  update(totals: CsvImportTotals, fraction: number, final = false): void {
    this.lastFraction = fraction;
    this.line.show(() => this.text(totals, fraction), final);
  }

  /** The final line, at the share of the file reached. */
  finish(totals: CsvImportTotals): void {
    this.update(totals, this.lastFraction, true);
  }

  text(totals: CsvImportTotals, fraction: number): string {
    const share = Math.max(0, Math.min(1, fraction));
    const filled = Math.round(share * WIDTH);
    const bar = `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
    return (
      `${this.label}: ${bar} ${totals.rows} rows, ${totals.imported} imported, ${totals.skipped} already imported, ` +
      `${totals.rejected} rejected, ${this.line.rate(totals.rows)} rows/s, ${this.line.seconds.toFixed(1)} s`
    );
  }
}
