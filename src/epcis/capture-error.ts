/**
 * Why an EPCIS document was rejected. Each error names the event it concerns (`index` in `epcisBody.eventList`,
 * null for the document itself) so a sender can fix exactly that event. The codes:
 *
 * | code                   | meaning                                                                                   |
 * | ---------------------- | ----------------------------------------------------------------------------------------- |
 * | NOT_A_DOCUMENT         | the payload is not a JSON object                                                          |
 * | NOT_EPCIS_DOCUMENT     | `type` is not `EPCISDocument` (capture takes no query documents or bare events)           |
 * | MISSING_CONTEXT        | the document has no `@context`                                                            |
 * | SCHEMA                 | the GS1 EPCIS 2.0 JSON schema rejects a value (wrong type, pattern, format, …)            |
 * | MISSING_FIELD          | a field the schema requires is absent (e.g. `action`, `eventTimeZoneOffset`)              |
 * | UNKNOWN_FIELD          | a field that does not exist at its position (e.g. a typo, or an extra key in a quantity)  |
 * | UNSUPPORTED_EVENT_TYPE | an event type other than the five EPCIS 2.0 event types                                   |
 * | BAD_TIME               | a time is not an RFC 3339 date-time with offset, or a bad `eventTimeZoneOffset`           |
 * | UNKNOWN_VOCABULARY     | a CBV field holds a word that is not a CBV 2.0 term and is not an absolute URI            |
 * | BAD_IDENTIFIER         | an EPC, class, location or party identifier is malformed, has a wrong check digit, or is  |
 * |                        | of the wrong kind for its position (a class in an EPC list, …)                            |
 * | BAD_QUANTITY           | a `quantity` that is not a JSON number                                                    |
 * | MISSING_NAMESPACE      | an ILMD or nested extension key without a `prefix:`                                       |
 * | UNDECLARED_NAMESPACE   | an extension or ILMD key whose prefix `@context` does not declare                         |
 */
export const CAPTURE_ERROR_CODES = [
  "NOT_A_DOCUMENT",
  "NOT_EPCIS_DOCUMENT",
  "MISSING_CONTEXT",
  "SCHEMA",
  "MISSING_FIELD",
  "UNKNOWN_FIELD",
  "UNSUPPORTED_EVENT_TYPE",
  "BAD_TIME",
  "UNKNOWN_VOCABULARY",
  "BAD_IDENTIFIER",
  "BAD_QUANTITY",
  "MISSING_NAMESPACE",
  "UNDECLARED_NAMESPACE",
] as const;
export type CaptureErrorCode = (typeof CAPTURE_ERROR_CODES)[number];

export interface CaptureProblem {
  /** Position in `epcisBody.eventList`; null for document-level errors. */
  index: number | null;
  /** The event's own `eventID` when it has one. */
  eventID: string | null;
  code: CaptureErrorCode;
  message: string;
}

/** A problem found at a JSON Pointer into the document, before it is attributed to an event. */
export interface Issue {
  path: string;
  code: CaptureErrorCode;
  message: string;
}
