import type { IRouter } from "express";
import type { Services } from "../../root/services.js";
import { principalOf } from "../authenticate.js";
import { apiRoute } from "./http-problem.js";

/**
 * `GET /reports/{jobId}/{name}`: a file of a regulator report job (report.json, report.xlsx, their .sig files,
 * manifest.json), byte for byte as signed; for whom may read the job (its requester's organisation, REGULATOR, ADMIN).
 */
export function mountReportRoutes(app: IRouter, services: Services): void {
  app.get(
    "/reports/:jobId/:name",
    apiRoute(services.logger, async (req, res) => {
      const name = String(req.params.name);
      const file = await services.reports.file(String(req.params.jobId), name, principalOf(res));
      res.status(200).type(file.contentType);
      res.setHeader("content-disposition", `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`);
      res.end(file.bytes);
    }),
  );
}
