import { BadUserInputError } from "../errors/app-errors.js";

/**
 * How deep JSON a client sends may nest (EPCIS documents, extended info, GraphQL variables). Real documents stay
 * under 15 levels; what our code walks recursively (schema validation, hashing, JSON.stringify) would exhaust the
 * stack somewhere in the thousands, so the depth is checked first, without recursion.
 */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of `value`, counted iteratively up to `max + 1` at most (a scalar is 0, `{}` or `[]` 1). */
export function jsonDepth(value: unknown, max: number = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > max) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, here]);
  }
  return deepest;
}

/** BAD_USER_INPUT naming `field` when `value` nests deeper than MAX_JSON_DEPTH. */
export function assertJsonDepth(value: unknown, field: string): void {
  if (jsonDepth(value) <= MAX_JSON_DEPTH) return;
  throw new BadUserInputError(`${field} nests deeper than ${MAX_JSON_DEPTH} levels`, { field, rule: "depth" });
}
