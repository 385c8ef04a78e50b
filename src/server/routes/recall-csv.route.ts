import { principalOf } from "../authenticate.js";
import type { IRouter, Response } from "express";
import type { Services } from "../../root/services.js";
import { csvRow, UTF8_BOM } from "../../csv/csv-row.js";
import { IdentifierError, canonicalKey } from "../../codes/index.js";
import { AppError } from "../../errors/app-errors.js";

const PAGE = 1_000;

/**
 * `GET /recalls/{code}.csv`: every object a recall of `code` reaches, with its tier, streamed page by page (keyset),
 * so a recall of a million items never sits in memory.
 */
export function mountRecallCsv(app: IRouter, services: Services): void {
  app.get("/recalls/:code.csv", async (req, res) => {
    let root: string;
    try {
      root = canonicalKey(req.params.code);
    } catch (error) {
      if (error instanceof IdentifierError) return void res.status(400).type("text").send(error.message);
      throw error;
    }
    try {
      await streamRecall(services, root, res);
    } catch (error) {
      services.logger.error({ err: error, root }, "recall csv failed");
      if (!res.headersSent) {
        const status = error instanceof AppError && error.code === "SERVICE_UNAVAILABLE" ? 503 : 500;
        res
          .status(status)
          .type("text")
          .send(error instanceof AppError ? error.message : "Internal server error");
      } else res.destroy();
    }
  });
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
