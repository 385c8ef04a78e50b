import neo4j from "neo4j-driver";

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
  if (neo4j.isDateTime(value)) {
    // Stored instants come back in UTC; normalise to the Date form GraphQL's DateTime expects.
    return new Date(value.toString().replace(/\[.*\]$/, "")).toISOString();
  }
  return value.toString();
}
