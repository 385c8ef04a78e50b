/** Cypher fragments of diversion alerts, shared by the alert reads and recordScan (a fragment, not a statement). */

/** Alert `a` with its life, oldest step first: every transition is kept (its history is never rewritten). */
export function alertRow(a: string): string {
  return `${a} {.*, history: COLLECT {
  MATCH (${a})-[:HAS_TRANSITION]->(t:AlertTransition)
  RETURN t {.*} AS step ORDER BY t.at, t.state
}}`;
}
