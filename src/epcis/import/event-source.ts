import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import StreamJson from "stream-json";
import Pick from "stream-json/filters/Pick.js";
import StreamArray from "stream-json/streamers/StreamArray.js";
import StreamValues from "stream-json/streamers/StreamValues.js";
import { EPCIS_EVENT_TYPES } from "../epcis-event.type.js";

export const STANDARD_CONTEXT: unknown[] = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"];

/** One event read from a file, with the @context it stands under and where it was (for the report). */
export interface SourcedEvent {
  event: Record<string, unknown>;
  context: unknown;
  where: string;
}

/** A line or element that is not an event (bad JSON, an unknown shape): reported, never fatal. */
export interface SourceProblem {
  problem: string;
  where: string;
}

export type SourceItem = SourcedEvent | SourceProblem;

/** Reads events from NDJSON (.ndjson, .jsonl) or from an EPCISDocument (any other file), as a stream. */
export function readEvents(file: string): AsyncGenerator<SourceItem> {
  return /\.(ndjson|jsonl)$/i.test(file) ? readNdjson(file) : readDocument(file);
}

/**
 * NDJSON: one JSON value per line. An event line is an event under the latest `@context` line seen (the standard
 * context until then); a whole EPCISDocument on a line contributes its events.
 */
async function* readNdjson(file: string): AsyncGenerator<SourceItem> {
  let context: unknown = STANDARD_CONTEXT;
  let lineNo = 0;
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === "") continue;
    const where = `${file}:${lineNo}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield { problem: "not valid JSON", where };
      continue;
    }
    const item = asObject(value);
    if (item && isEvent(item)) yield { event: item, context, where };
    else if (item && item.type === "EPCISDocument") yield* eventsOfDocument(item, where);
    else if (item && "@context" in item) context = item["@context"];
    else yield { problem: "neither an EPCIS event, an EPCISDocument nor a @context line", where };
  }
}

function* eventsOfDocument(doc: Record<string, unknown>, where: string): Generator<SourceItem> {
  const body = asObject(doc.epcisBody);
  const list = Array.isArray(body?.eventList) ? (body.eventList as unknown[]) : [];
  for (const [i, value] of list.entries()) {
    const event = asObject(value);
    if (event) yield { event, context: doc["@context"] ?? STANDARD_CONTEXT, where: `${where}#${i}` };
    else yield { problem: "event is not an object", where: `${where}#${i}` };
  }
}

/**
 * A JSON EPCISDocument of any size: `@context` is picked in a first streaming pass (it is small and usually first),
 * then `epcisBody.eventList` is streamed element by element. Memory holds one event at a time, not the file.
 */
async function* readDocument(file: string): AsyncGenerator<SourceItem> {
  const context = (await pickFirst(file, "@context")) ?? STANDARD_CONTEXT;
  const events = createReadStream(file)
    .pipe(StreamJson.parser())
    .pipe(Pick.pick({ filter: "epcisBody.eventList" }))
    .pipe(StreamArray.streamArray());
  for await (const chunk of events as AsyncIterable<{ key: number; value: unknown }>) {
    const event = asObject(chunk.value);
    const where = `${file}#${chunk.key}`;
    if (event) yield { event, context, where };
    else yield { problem: "event is not an object", where };
  }
}

async function pickFirst(file: string, path: string): Promise<unknown> {
  const source = createReadStream(file);
  const values = source
    .pipe(StreamJson.parser())
    .pipe(Pick.pick({ filter: path }))
    .pipe(StreamValues.streamValues());
  try {
    for await (const chunk of values as AsyncIterable<{ value: unknown }>) return chunk.value;
    return undefined;
  } finally {
    source.destroy();
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function isEvent(value: Record<string, unknown>): boolean {
  return typeof value.type === "string" && (EPCIS_EVENT_TYPES as readonly string[]).includes(value.type);
}
