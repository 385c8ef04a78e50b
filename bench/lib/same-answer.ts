/**
 * Before a read is timed, ours and its baseline must give the same answer (issue 19: a benchmark that cannot flatter
 * us). Each side is reduced to sets of node keys and edge triples; a difference stops the measure with what differs.
 */
/** An answer as named sets: a trace's `nodes` and `edges`, a recall's `objects` and `organizations`, ... */
export type AnswerSets = Record<string, Set<string>>;

export function answerSets(nodes: Iterable<string>, edges: Iterable<string>): AnswerSets {
  return { nodes: new Set(nodes), edges: new Set(edges) };
}

export function edgeTriple(from: string, kind: string, to: string): string {
  return `${from} -${kind}-> ${to}`;
}

function missingFrom(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => !b.has(x));
}

/** Throws, naming up to five differences each way, unless both answers have the same nodes and edges. */
export function assertSameAnswer(measure: string, ours: AnswerSets, baseline: AnswerSets): void {
  const problems: string[] = [];
  for (const part of new Set([...Object.keys(ours), ...Object.keys(baseline)])) {
    const oursPart = ours[part] ?? new Set<string>();
    const baselinePart = baseline[part] ?? new Set<string>();
    const onlyOurs = missingFrom(oursPart, baselinePart);
    const onlyBaseline = missingFrom(baselinePart, oursPart);
    if (onlyOurs.length) problems.push(`${onlyOurs.length} ${part} only in ours (${onlyOurs.slice(0, 5).join("; ")})`);
    if (onlyBaseline.length)
      problems.push(`${onlyBaseline.length} ${part} only in the baseline (${onlyBaseline.slice(0, 5).join("; ")})`);
  }
  if (problems.length) {
    throw new Error(
      `${measure}: ours and the baseline answer differently, so no ratio is reported: ${problems.join(", ")}`,
    );
  }
}
