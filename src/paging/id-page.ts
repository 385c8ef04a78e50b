import { afterPosition, fetchSize, keysetPage, type Page } from "../graph/keyset-page.js";
import { checkPageSize } from "./page-limits.js";

/**
 * The lists in id order (products, batches, organisations, locations): the page size checked, the cursor read as
 * the last id seen ("" before the first), `first + 1` rows fetched and the page cut from them.
 */
export async function idPage<T extends { id: string }>(
  first: number,
  after: string | null | undefined,
  fetch: (at: { afterId: string; fetch: number }) => Promise<T[]>,
): Promise<Page<T>> {
  checkPageSize(first, "lists");
  const position = afterPosition(after, ["text"]);
  const rows = await fetch({ afterId: position === null ? "" : String(position[0]), fetch: fetchSize(first) });
  return keysetPage(rows, first, (row) => [row.id]);
}
