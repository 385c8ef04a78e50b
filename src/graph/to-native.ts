import neo4j, { type DateTime, type Integer } from "neo4j-driver";

/** A temporal field as the driver gives it (Integer unless the driver is told otherwise). */
type NumberOrInteger = number | Integer | bigint;

/**
 * Converts Neo4j values to plain JavaScript once, at the boundary: integers to numbers (ours stay far below 2^53),
 * temporals to ISO strings, nodes and relationships to their properties, lists and maps recursively.
 */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  // Strings, numbers and booleans are most values: return them before the type checks below (hot on big traces).
  if (typeof value !== "object") return value;
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(toNative);
  if (isTemporal(value)) return temporalToString(value);
  if (typeof value === "object") {
    if (isEntity(value)) return toNative((value as { properties: unknown }).properties);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toNative(v);
    return out;
  }
  return value;
}

function isEntity(value: object): boolean {
  return value instanceof neo4j.types.Node || value instanceof neo4j.types.Relationship;
}

function isTemporal(value: unknown): value is { toString(): string } {
  return (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  );
}

function temporalToString(value: { toString(): string }): string {
  if (neo4j.isDateTime(value)) return dateTimeToIso(value);
  return value.toString();
}

/**
 * A DateTime as the Date form GraphQL's DateTime expects (`toISOString`: UTC, milliseconds). Stored instants come back
 * with their offset: the instant is computed from the fields directly, since formatting the driver's string first
 * (Integer arithmetic for every field) was most of a recall page's conversion time. A named zone, or a year Date.UTC
 * reads differently (below 100) or cannot hold, takes the driver's string.
 */
export function dateTimeToIso(value: DateTime<NumberOrInteger>): string {
  const year = toNumber(value.year);
  const offset = value.timeZoneOffsetSeconds;
  if (value.timeZoneId != null || offset == null || year < 100 || year > 9999) return viaDriverString(value);
  const instant =
    Date.UTC(
      year,
      toNumber(value.month) - 1,
      toNumber(value.day),
      toNumber(value.hour),
      toNumber(value.minute),
      toNumber(value.second),
    ) -
    toNumber(offset) * 1000 +
    Math.floor(toNumber(value.nanosecond) / 1_000_000);
  return new Date(instant).toISOString();
}

/** The driver's own formatting, parsed by Date (the zone name in brackets dropped): the general path. */
export function viaDriverString(value: DateTime<NumberOrInteger>): string {
  return new Date(value.toString().replace(/\[.*\]$/, "")).toISOString();
}

function toNumber(value: NumberOrInteger): number {
  return typeof value === "number" ? value : neo4j.integer.toNumber(value);
}
