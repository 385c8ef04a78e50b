import type { Request, Response } from "express";
import { BadUserInputError, ConflictError } from "../../errors/app-errors.js";
import { writeCodesCsv, writeLabelPdf } from "../../labels/label-export.js";
import { labelFontPath, loadLabelFont } from "../../labels/label-font.js";
import { parseLabelLayout } from "../../labels/label-layout.js";
import type { RouteMount } from "../app.js";
import { apiRoute } from "./http-problem.js";
import { principalOf } from "../authenticate.js";

/**
 * `GET /batches/{id}/labels.pdf` (A4 label sheets) and `GET /batches/{id}/codes.csv` (for industrial printers).
 * Both page through the batch's codes by keyset and stream, so 10,000 codes take the memory of one page.
 * Downloading either is the print step: GENERATED codes become PRINTED (`?mark=false` for a proof that marks none).
 */
export const mountLabelRoutes: RouteMount = (app, services) => {
  const labels = services.labels;

  app.get(
    "/batches/:id/labels.pdf",
    apiRoute(services.logger, async (req: Request, res: Response) => {
      const layout = parseLabelLayout(req.query);
      const mark = markParam(req.query.mark);
      const { batch, product, empty, pages } = await labels.open(String(req.params.id), principalOf(res));
      const font = await loadLabelFont(labelFontPath());
      if (empty) {
        throw new ConflictError(`batch ${batch.id} has no codes to print yet: issue codes first (issueCodes)`, {
          batchId: batch.id,
        });
      }
      if (headersOnly(req, res, "application/pdf", `labels-${batch.id}.pdf`)) return;
      const job = {
        layout,
        font,
        title: `${product?.name ?? ""} ${batch.batchNo} 追溯码标签`.trim(),
        product: { name: product?.name ?? "", model: product?.model ?? "" },
        label: (key: string) => labels.label(key),
        pages,
      };
      await writeLabelPdf(
        mark ? { ...job, afterPage: (keys) => labels.markPrinted(keys, principalOf(res)) } : job,
        res,
      );
    }),
  );

  app.get(
    "/batches/:id/codes.csv",
    apiRoute(services.logger, async (req: Request, res: Response) => {
      const mark = markParam(req.query.mark);
      // An empty code list is still a valid answer: the header alone.
      const batchExport = await labels.open(String(req.params.id), principalOf(res));
      if (headersOnly(req, res, "text/csv; charset=utf-8", `codes-${batchExport.batch.id}.csv`)) return;
      const job = { pages: batchExport.pages, rows: (keys: string[]) => labels.csvRows(batchExport, keys) };
      await writeCodesCsv(
        mark ? { ...job, afterPage: (keys) => labels.markPrinted(keys, principalOf(res)) } : job,
        res,
      );
    }),
  );
};

function markParam(value: unknown): boolean {
  if (value === undefined || value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new BadUserInputError(`mark must be true or false (got ${JSON.stringify(value)})`, {
    field: "mark",
    rule: "boolean",
  });
}

/**
 * Sends the file's headers; true for a HEAD request, which ends there. Express answers HEAD with the GET route, and a
 * link checker's HEAD must neither build the document nor mark a single code PRINTED.
 */
function headersOnly(req: Request, res: Response, type: string, filename: string): boolean {
  sendFileHeaders(res, type, filename);
  if (req.method !== "HEAD") {
    res.flushHeaders();
    return false;
  }
  res.end();
  return true;
}

/** The batch id may hold any character (it contains the batch number), hence the RFC 6266 `filename*`. */
function sendFileHeaders(res: Response, type: string, filename: string): void {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  res.status(200).set({
    "Content-Type": type,
    "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
}
