import type { FieldProblem } from "./field-problem.js";

/** A child's range along its mother code (子母码), in the parent's unit. */
export interface Segment {
  code: string;
  start: number;
  end: number;
}

/**
 * Checks a mother code's segments, the ones already linked and the new ones together: each range is non-empty and
 * starts at 0 or later, no two overlap (touching ends are fine: 0-100 and 100-250), and none runs past the parent's
 * length when it is known. `fieldOf` names a new segment's input field; existing ones are named by their code.
 */
export function checkSegments(
  existing: readonly Segment[],
  added: readonly Segment[],
  length: number | null,
  fieldOf: (index: number) => string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  added.forEach((segment, index) => {
    const field = fieldOf(index);
    if (!(segment.start >= 0 && segment.end > segment.start)) {
      problems.push({
        field,
        rule: "segment range",
        message: `${segment.start}-${segment.end} is not a range from 0 up`,
      });
    } else if (length !== null && segment.end > length) {
      problems.push({
        field,
        rule: "within parent length",
        message: `segment ${segment.start}-${segment.end} runs past the parent's length ${length}`,
      });
    }
  });
  // A parent shortened below what is linked to it already would leave segments past its end.
  const beyond = length === null ? undefined : existing.find((segment) => segment.end > length);
  if (beyond) {
    problems.push({
      field: "parentLength",
      rule: "within parent length",
      message: `segment ${beyond.code} ${beyond.start}-${beyond.end} is linked already and runs past ${length}`,
    });
  }
  problems.push(...overlaps(existing, added, fieldOf));
  return problems;
}

function overlaps(existing: readonly Segment[], added: readonly Segment[], fieldOf: (i: number) => string) {
  const all = [
    ...existing.map((s) => ({ ...s, field: null as string | null })),
    ...added.map((s, i) => ({ ...s, field: fieldOf(i) })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  const problems: FieldProblem[] = [];
  let reach: (typeof all)[number] | undefined;
  for (const segment of all) {
    if (reach && segment.start < reach.end) {
      const field = segment.field ?? reach.field ?? "children";
      problems.push({
        field,
        rule: "no overlap",
        message: `segment ${segment.code} ${segment.start}-${segment.end} overlaps ${reach.code} ${reach.start}-${reach.end}`,
      });
    }
    if (!reach || segment.end > reach.end) reach = segment;
  }
  return problems;
}

/** Total length given to segments (they do not overlap, so this is their sum). */
export function allocatedLength(segments: readonly Segment[]): number {
  return segments.reduce((sum, s) => sum + (s.end - s.start), 0);
}
