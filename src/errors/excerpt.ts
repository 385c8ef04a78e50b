/** The most of a client's input an answer may echo: enough to recognise it, never a 10 MB document twice. */
export const EXCERPT_LENGTH = 200;

/** `text` cut to `max` characters (by code point, so no surrogate is split), marked with "…" when cut. */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  if (text.length <= max) return text;
  const points = Array.from(text.slice(0, max + 1));
  return points.length <= max ? text : `${points.slice(0, max).join("")}…`;
}

/** A message may say more than an excerpt (our own words around it), but not much more. */
export const MAX_MESSAGE_LENGTH = 2 * EXCERPT_LENGTH;

/**
 * A copy of an error's extensions with every string cut to an excerpt, down to a few levels (the per-event or
 * per-field error lists); what lies deeper is not ours to send. Non-plain values (Maps, Dates) are kept as they are.
 */
export function clipStrings(value: unknown, depth = 4): unknown {
  if (typeof value === "string") return excerpt(value);
  if (depth === 0 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => clipStrings(item, depth - 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clipStrings(item, depth - 1)]));
}
