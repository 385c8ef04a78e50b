import { principalOf } from "../authenticate.js";
import type { IRouter, Response } from "express";
import type { Services } from "../../root/services.js";
import { csvRow, UTF8_BOM } from "../../csv/csv-row.js";
import { canonicalKey } from "../../codes/index.js";
import { apiRoute } from "./http-problem.js";

const PAGE = 1_000;

/**
 * `GET /recalls/{code}.csv`: every object a recall of `code` reaches, with its tier, streamed page by page (keyset),
 * so a recall of a million items never sits in memory.
 */
export function mountRecallCsv(app: IRouter, services: Services): void {
  // Errors as every REST route answers them (apiRoute): a JSON problem with its code and status, 503 with
  // Retry-After while Neo4j is unreachable; once the CSV has started, a failure cuts it short.
  app.get(
    "/recalls/:code.csv",
    apiRoute(services.logger, (req, res) => streamRecall(services, canonicalKey(String(req.params.code)), res)),
  );
}

async function streamRecall(services: Services, root: string, res: Response): Promise<void> {
  let after: string | null = null;
  let page = await services.recallService.objectsAfter(root, PAGE, after, principalOf(res));
  res.status(200).type("text/csv; charset=utf-8");
  res.setHeader("content-disposition", `attachment; filename="recall.csv"`);
  res.write(UTF8_BOM + csvRow(["key", "kind", "tier"]));
  for (;;) {
    for (const row of page.slice(0, PAGE)) res.write(csvRow([row.key, row.kind, row.certain ? "CERTAIN" : "POSSIBLE"]));
    if (page.length <= PAGE) break;
    after = page[PAGE - 1]!.key;
    page = await services.recallService.objectsAfter(root, PAGE, after, principalOf(res));
  }
  res.end();
}
