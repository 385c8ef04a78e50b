import type { QueryRunner, Row } from "./executor.js";
import type { Query } from "./query.js";

/**
 * Runs the statement `build` makes for each chunk of `rows` (none for no rows) and returns the rows of all chunks:
 * bulk writes go through `UNWIND $rows` in bounded batches, never one statement per row nor one giant parameter.
 */
export async function unwindChunks<T>(
  tx: QueryRunner,
  rows: readonly T[],
  build: (chunk: readonly T[]) => Query,
  chunkSize: number,
): Promise<Row[]> {
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i += chunkSize) out.push(...(await tx.rows(build(rows.slice(i, i + chunkSize)))));
  return out;
}
