import { type CaptureProblem, type CaptureErrorCode, type Issue } from "./capture-error.js";
import { checkEvent, objectOf } from "./event-checks.js";
import { type EpcisEvent, type NamespaceMap } from "./epcis-event.type.js";
import { namespacesOf } from "./namespaces.js";
import { EVENT_PATH, schemaIssues } from "./schema-errors.js";
import { epcisSchemaErrors } from "./schema-validator.js";

export { CAPTURE_ERROR_CODES, type CaptureProblem, type CaptureErrorCode } from "./capture-error.js";

export type EpcisValidationResult =
  | {
      ok: true;
      /** The events exactly as sent (spellings untouched), in document order. */
      events: EpcisEvent[];
      /** Prefixes of the document's `@context`, for `mapEventsToWritePlan` / `eventHashId` of user extensions. */
      namespaces: NamespaceMap;
    }
  | { ok: false; errors: CaptureProblem[] };

/**
 * Validates an EPCIS 2.0 capture document: the GS1 JSON schema plus the checks of `event-checks.ts`. A document is
 * accepted whole or rejected whole, with every problem found, each attributed to its event (see `capture-error.ts`
 * for the codes). Where a semantic check and the schema complain about the same value, only the semantic error is
 * kept: it names the real problem ("not a CBV bizStep") where the schema lists every branch it tried.
 */
export function validateEpcisDocument(doc: unknown): EpcisValidationResult {
  const root = objectOf(doc);
  if (root === undefined) return failure([documentError("NOT_A_DOCUMENT", "the EPCIS document must be a JSON object")]);
  if (root.type !== "EPCISDocument") {
    const message = `capture takes an EPCISDocument; type is ${JSON.stringify(root.type ?? null)}`;
    return failure([documentError("NOT_EPCIS_DOCUMENT", message)]);
  }
  const issues: Issue[] = [];
  if (!("@context" in root)) {
    issues.push({ path: "/@context", code: "MISSING_CONTEXT", message: "the document has no @context" });
  }
  const namespaces = namespacesOf(root["@context"]);
  const events = eventListOf(root);
  // The schema sees CBV values in their short names: events spelled otherwise are copied with them (never changed).
  const checked = events.map((event, i) => checkEvent(event, `/epcisBody/eventList/${i}`, namespaces, issues));
  const normalised = checked.some((event, i) => event !== events[i])
    ? { ...root, epcisBody: { ...objectOf(root.epcisBody), eventList: checked } }
    : root;
  issues.push(...schemaIssues(epcisSchemaErrors(normalised), issues));
  if (issues.length === 0) return { ok: true, events: events as EpcisEvent[], namespaces };
  return failure(captureErrors(issues, events));
}

function failure(errors: CaptureProblem[]): EpcisValidationResult {
  return { ok: false, errors };
}

function documentError(code: CaptureErrorCode, message: string): CaptureProblem {
  return { index: null, eventID: null, code, message };
}

function eventListOf(root: Record<string, unknown>): unknown[] {
  const list = objectOf(root.epcisBody)?.eventList;
  return Array.isArray(list) ? list : [];
}

// ---- attribution --------------------------------------------------------------------------------------------------

function captureErrors(issues: readonly Issue[], events: readonly unknown[]): CaptureProblem[] {
  const seen = new Set<string>();
  const errors: CaptureProblem[] = [];
  for (const issue of issues) {
    const match = EVENT_PATH.exec(issue.path);
    const index = match === null ? null : Number(match[1]);
    const eventID = index === null ? undefined : objectOf(events[index])?.eventID;
    const error = {
      index,
      eventID: typeof eventID === "string" ? eventID : null,
      code: issue.code,
      message: issue.message,
    };
    const id = `${index}|${issue.code}|${issue.message}`;
    if (!seen.has(id)) errors.push(error);
    seen.add(id);
  }
  return errors.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
}
