import type { FlowWriterRepository, JobCompletion, WriteOutcome } from "../graph/flow-writer.repository.js";
import { BadUserInputError, ForbiddenError } from "../errors/app-errors.js";
import type { EventRow, WritePlan } from "../graph/flow-model.js";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import { actorOf, actorProps, actsFor, assertWriteRole } from "../access/write-access.js";
import { assertJsonDepth } from "../json/json-depth.js";
import { validateEpcisDocument } from "./validate-document.js";
import { mapEventsToWritePlan } from "./map-events.js";
import { STANDARD_NAMESPACES } from "./namespaces.js";
import { masterDataOf } from "./master-data.js";
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
      field: "document",
      rule: "EPCIS 2.0 document",
      errors: captureErrors,
    });
  }
}

/**
 * EPCIS 2.0 capture: validate the whole document (JSON schema, CBV, namespaces, identifiers), map its events to flow
 * graph rows, and write them in one transaction. Idempotent by eventID (or the CBV 2.0 event hash when absent).
 */
export class CaptureService {
  constructor(
    private readonly writer: FlowWriterRepository,
    private readonly locations: LocationOwners,
  ) {}

  /**
   * `completion`, for a capture job: the job ends (DONE, with the counts) in the transaction that writes the events,
   * for the job's lease holder only, so a job taken over by another process is never written twice.
   */
  async capture(document: unknown, principal: Principal, completion?: JobCompletion): Promise<CaptureOutcome> {
    const plan = await this.prepare(document, principal);
    return { eventIds: plan.events.map((e) => e.eventId), ...summarize(await this.writer.write(plan, completion)) };
  }

  /**
   * Everything capture checks before it writes (role, EPCIS schema, vocabularies, identifiers, the parties acting),
   * without writing: a document that fails here is refused before a capture job is stored for it. Returns the number
   * of events.
   */
  async check(document: unknown, principal: Principal): Promise<number> {
    return (await this.prepare(document, principal)).events.length;
  }

  private async prepare(document: unknown, principal: Principal): Promise<WritePlan> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER, AccessRole.PARTNER], "capture EPCIS events");
    assertJsonDepth(document, "document");
    const result = validateEpcisDocument(document);
    if (!result.ok) throw new EpcisValidationError(result.errors);
    // A party named by a further identifier of a registered organisation (its GLN) acts as that organisation.
    const plan = await this.writer.withOrganizationIds(
      mapEventsToWritePlan(result.events, { namespaces: result.namespaces }),
    );
    const capturedBy = actorOf(principal).organizationId ?? null;
    plan.masterData = masterDataOf(document, result.namespaces).map((row) => ({ ...row, capturedBy }));
    await this.assertActsInEvery(plan.events, principal);
    const declared = JSON.stringify(ownNamespaces(result.namespaces));
    const actor = actorProps(actorOf(principal));
    for (const event of plan.events) Object.assign(event, { namespaces: declared }, actor);
    return plan;
  }

  /**
   * API-CONTRACT §6: a party captures only events it acts in (sender in the sourceList, or owner of the bizLocation
   * or readPoint). One event it does not act in rejects the whole document, naming that event's index.
   */
  private async assertActsInEvery(events: readonly EventRow[], principal: Principal): Promise<void> {
    if (principal.role === AccessRole.ADMIN) return;
    const places = [...new Set(events.flatMap((e) => [e.bizLocation, e.readPoint].filter((p) => p !== undefined)))];
    const owners = new Map(
      (await this.locations.findLocationsByIds(places)).map((l, i) => [places[i], l?.organizationId ?? null]),
    );
    events.forEach((event, index) => {
      const parties = [
        ...(event.sourceParties ?? []),
        ...[event.bizLocation, event.readPoint].map((p) => (p === undefined ? null : (owners.get(p) ?? null))),
      ];
      if (!parties.some((party) => actsFor(principal, party))) {
        throw new ForbiddenError(
          `event ${index} (${event.eventId}) is not one ${principal.organizationId ?? "the caller"} acts in: ` +
            "a party captures events it sends, or that happen at its own locations; nothing was captured",
          { index, eventID: event.eventId, rule: "acts in the event" },
        );
      }
    });
  }
}

/** Owners of registered locations (Location.organizationId), by canonical location id. */
export interface LocationOwners {
  findLocationsByIds(ids: readonly string[]): Promise<({ organizationId: string | null } | null)[]>;
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
