import { parseCopies, repeatEach } from "../../labels/copies.js";
import express, { type Request, type Response } from "express";
import { BadUserInputError, ConflictError } from "../../errors/app-errors.js";
import { writeCodesCsv, writeLabelPdf } from "../../labels/label-export.js";
import { labelFontPath, loadLabelFont } from "../../labels/label-font.js";
import { defaultFields, parseLabelFields } from "../../labels/label-fields.js";
import { assertQrRoom, parseLabelFormat } from "../../labels/label-format.js";
import type { RouteMount } from "../app.js";
import { apiRoute } from "./http-problem.js";
import { principalOf } from "../authenticate.js";
import { jsonDepthGuard } from "../json-depth-guard.js";

/**
 * `GET /batches/{id}/labels.pdf` (A4 label sheets, or `?format=50x30` one label a page for a thermal roll printer;
 * `?fields=` what each label carries) and `GET /batches/{id}/codes.csv` (for industrial printers).
 * Both page through the batch's codes by keyset and stream, so 10,000 codes take the memory of one page. A download
 * changes nothing (a GET is safe: a link checker, a prefetch or a retried download must not mark codes); printing is
 * the explicit `POST /batches/{id}/printed`, or the markCodesPrinted mutation.
 */
export const mountLabelRoutes: RouteMount = (app, services, http) => {
  const labels = services.labels;

  app.post(
    "/batches/:id/printed",
    express.json({ limit: http.graphqlBodyLimitBytes }),
    jsonDepthGuard(),
    apiRoute(services.logger, async (req: Request, res: Response) => {
      const codes = codesParam((req.body as { codes?: unknown } | undefined)?.codes);
      const marked = await services.producer.codes.markCodesPrinted(String(req.params.id), codes, principalOf(res));
      res.set("Cache-Control", "no-store").json({ marked });
    }),
  );

  app.get(
    "/batches/:id/labels.pdf",
    apiRoute(services.logger, async (req: Request, res: Response) => {
      const format = parseLabelFormat(req.query);
      const fields = parseLabelFields(req.query.fields, defaultFields(format.width, format.height));
      assertQrRoom(format, fields);
      const copies = parseCopies(req.query.copies);
      refuseMarking(req.query.mark);
      const batchExport = await labels.open(String(req.params.id), principalOf(res));
      const { batch, product, empty, pages } = batchExport;
      const font = await loadLabelFont(labelFontPath());
      if (empty) {
        throw new ConflictError(`batch ${batch.id} has no codes to print yet: issue codes first (issueCodes)`, {
          batchId: batch.id,
        });
      }
      if (headersOnly(req, res, "application/pdf", `labels-${batch.id}.pdf`)) return;
      await writeLabelPdf(
        {
          format,
          fields,
          font,
          title: `${product?.name ?? ""} ${batch.batchNo} 追溯码标签`.trim(),
          label: (code) => labels.labelContent(batchExport, code),
          pages: repeatEach(pages, copies),
        },
        res,
      );
    }),
  );

  app.get(
    "/batches/:id/codes.csv",
    apiRoute(services.logger, async (req: Request, res: Response) => {
      refuseMarking(req.query.mark);
      const copies = parseCopies(req.query.copies);
      // An empty code list is still a valid answer: the header alone.
      const list = await labels.openCodeList(String(req.params.id), principalOf(res));
      if (headersOnly(req, res, "text/csv; charset=utf-8", `codes-${list.batch.id}.csv`)) return;
      await writeCodesCsv(list.pages, copies, res);
    }),
  );
};

/**
 * `mark` once made a download the print step. `mark=false` (a proof) is what every download is now, so it is still
 * accepted; asking for marking is refused rather than silently not done.
 */
function refuseMarking(value: unknown): void {
  if (value === undefined || value === "false" || value === "0") return;
  throw new BadUserInputError(
    "downloads never mark codes PRINTED: use the markCodesPrinted mutation or POST /batches/{id}/printed",
    { field: "mark", rule: "safe GET" },
  );
}

/** The optional `codes` of POST /batches/{id}/printed: absent for every code of the batch. */
function codesParam(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value) && value.every((code): code is string => typeof code === "string")) return value;
  throw new BadUserInputError("codes must be an array of codes", { field: "codes", rule: "string array" });
}

/**
 * Sends the file's headers; true for a HEAD request, which ends there. Express answers HEAD with the GET route, and a
 * link checker's HEAD must not build the document.
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
