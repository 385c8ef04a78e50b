import { principalOf } from "../authenticate.js";
import type { IRouter, Response } from "express";
import type { Services } from "../../root/services.js";
import { csvRow, UTF8_BOM } from "../../csv/csv-row.js";
import { writeLines } from "../../csv/csv-stream.js";
import { canonicalKey } from "../../codes/index.js";
import type { AffectedObjectLine } from "../../recall/recall.service.js";
import { apiRoute } from "./http-problem.js";

/**
 * `GET /recalls/{code}.csv`: every object a recall of `code` reaches, with its tier, in key order. One statement walks
 * the recall once and its records are streamed as they arrive, with backpressure (Executor.stream, writeLines), so a
 * recall of a million items never sits in memory.
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
  const rows = services.recallService.streamObjects(root, principalOf(res))[Symbol.asyncIterator]();
  // The first record (or the error) before the 200: a database failure still answers as a problem document.
  const first = await rows.next();
  res.status(200).type("text/csv; charset=utf-8");
  res.setHeader("content-disposition", `attachment; filename="recall.csv"`);
  res.write(UTF8_BOM + csvRow(["key", "kind", "tier"]));
  async function* lines(): AsyncGenerator<string> {
    let next = first;
    while (!next.done) {
      yield line(next.value);
      next = await rows.next();
    }
  }
  try {
    await writeLines(res, lines());
  } finally {
    await rows.return?.(undefined);
  }
  res.end();
}

function line(row: AffectedObjectLine): string {
  return csvRow([row.key, row.kind, row.certain ? "CERTAIN" : "POSSIBLE"]);
}
