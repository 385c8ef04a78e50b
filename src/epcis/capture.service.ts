import type { FlowWriter, WriteOutcome } from "../graph/flow-writer.repository.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { validateEpcisDocument } from "./validate-document.js";
import { mapEventsToWritePlan } from "./map-events.js";
import { STANDARD_NAMESPACES } from "./namespaces.js";
import type { CaptureProblem } from "./capture-error.js";
import type { NamespaceMap } from "./epcis-event.type.js";

export interface CaptureOutcome {
  /** The id of every event of the document, in order (its eventID, or the computed event hash). */
  eventIds: string[];
  accepted: number;
  duplicates: number;
  /** Diversion alerts raised by market scans among the events. */
  alerts: number;
  errors: CaptureProblem[];
}

/** An invalid document: rejected whole, nothing written, one error per bad event. */
export class EpcisValidationError extends BadUserInputError {
  constructor(readonly captureErrors: CaptureProblem[]) {
    super(`The EPCIS document is invalid (${captureErrors.length} error(s)); nothing was captured.`, {
      errors: captureErrors,
    });
  }
}

/**
 * EPCIS 2.0 capture: validate the whole document (JSON schema, CBV, namespaces, identifiers), map its events to flow
 * graph rows, and write them in one transaction. Idempotent by eventID (or the CBV 2.0 event hash when absent).
 */
export class CaptureService {
  constructor(private readonly writer: FlowWriter) {}

  async capture(document: unknown): Promise<CaptureOutcome> {
    const result = validateEpcisDocument(document);
    if (!result.ok) throw new EpcisValidationError(result.errors);
    const plan = mapEventsToWritePlan(result.events, { namespaces: result.namespaces });
    const declared = JSON.stringify(ownNamespaces(result.namespaces));
    for (const event of plan.events) event.namespaces = declared;
    return { eventIds: plan.events.map((e) => e.eventId), ...summarize(await this.writer.write(plan)) };
  }
}

function summarize(outcome: WriteOutcome): Omit<CaptureOutcome, "eventIds"> {
  return {
    accepted: outcome.written.length,
    duplicates: outcome.duplicates.length,
    alerts: outcome.judgements.filter((j) => j.rule !== null).length,
    errors: [],
  };
}

/** The prefixes a document declared beyond the standard EPCIS context. */
function ownNamespaces(namespaces: NamespaceMap): Record<string, string> {
  return Object.fromEntries(Object.entries(namespaces).filter(([prefix]) => !(prefix in STANDARD_NAMESPACES)));
}
