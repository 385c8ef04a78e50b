import type { CaptureService } from "../capture.service.js";
import { EpcisValidationError } from "../capture.service.js";
import type { SourceItem, SourcedEvent } from "./event-source.js";
import { OPERATOR, type Principal } from "../../access/principal.js";

export interface ImportTotals {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  alerts: number;
}

export interface Rejection {
  where: string;
  eventID: string | null;
  code: string;
  message: string;
}

export interface ImportOptions {
  /** Who imports (the events are captured on its behalf); default the operator, as the command line runs. */
  principal?: Principal;
  /** Events per capture transaction. */
  batchSize: number;
  onProgress?: (totals: ImportTotals) => void;
}

/**
 * Bulk import through the same capture path as the API: events are grouped into documents of `batchSize` (one
 * transaction each). A batch with invalid events is captured without them, and each rejected event is reported with
 * where it came from; nothing is half-written. Re-running skips what was captured (idempotent by eventID), so an
 * interrupted import is resumed by running it again.
 */
export class BulkImporter {
  readonly totals: ImportTotals = { read: 0, accepted: 0, duplicates: 0, rejected: 0, alerts: 0 };
  readonly rejections: Rejection[] = [];

  constructor(
    private readonly capture: CaptureService,
    private readonly options: ImportOptions,
  ) {}

  async importFrom(items: AsyncIterable<SourceItem>): Promise<void> {
    let batch: SourcedEvent[] = [];
    for await (const item of items) {
      if ("problem" in item) {
        this.reject({ where: item.where, eventID: null, code: "NOT_AN_EVENT", message: item.problem });
        continue;
      }
      this.totals.read++;
      // One document has one @context: a change of context closes the batch.
      if (batch.length > 0 && batch[0]!.context !== item.context) batch = await this.flush(batch);
      batch.push(item);
      if (batch.length >= this.options.batchSize) batch = await this.flush(batch);
    }
    if (batch.length > 0) await this.flush(batch);
  }

  private async flush(batch: SourcedEvent[]): Promise<SourcedEvent[]> {
    let pending = batch;
    // At most two rounds: the first finds the invalid events, the second captures the rest.
    for (let round = 0; round < 2 && pending.length > 0; round++) {
      try {
        const outcome = await this.capture.capture(document(pending), this.options.principal ?? OPERATOR);
        this.totals.accepted += outcome.accepted;
        this.totals.duplicates += outcome.duplicates;
        this.totals.alerts += outcome.alerts;
        break;
      } catch (error) {
        if (!(error instanceof EpcisValidationError)) throw error;
        const bad = new Set<number>();
        for (const e of error.captureErrors) {
          // A document-level error (index null, e.g. a broken @context) stands for every event of the batch.
          const indices = e.index === null ? pending.map((_, i) => i) : [e.index];
          for (const i of indices) {
            bad.add(i);
            const where = pending[i]?.where ?? "document";
            this.reject({ where, eventID: e.eventID, code: e.code, message: e.message });
          }
        }
        pending = pending.filter((_, i) => !bad.has(i));
      }
    }
    this.options.onProgress?.(this.totals);
    return [];
  }

  private readonly rejectedPlaces = new Set<string>();

  private reject(rejection: Rejection): void {
    // Count each rejected event once even when it has several errors.
    if (!this.rejectedPlaces.has(rejection.where)) this.totals.rejected++;
    this.rejectedPlaces.add(rejection.where);
    this.rejections.push(rejection);
  }
}

function document(events: SourcedEvent[]): Record<string, unknown> {
  return {
    "@context": events[0]!.context,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: new Date().toISOString(),
    epcisBody: { eventList: events.map((e) => e.event) },
  };
}
