import { ProgressLine } from "../../terminal/progress-line.js";
import type { ImportTotals } from "./bulk-importer.js";

/** The EPCIS import's progress: events read, captured, duplicates, rejected, alerts and events/s. */
export class ImportProgress {
  private readonly line: ProgressLine;

  constructor(
    private readonly label: string,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.line = new ProgressLine(stream);
  }

  update(totals: ImportTotals, final = false): void {
    this.line.show(
      () =>
        `${this.label}: ${totals.read} events read, ${totals.accepted} captured, ${totals.duplicates} duplicates, ` +
        `${totals.rejected} rejected, ${totals.alerts} alerts, ${this.line.rate(totals.read)} events/s, ` +
        `${this.line.seconds.toFixed(1)} s`,
      final,
    );
  }
}
