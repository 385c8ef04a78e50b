import type { Request, Response } from "express";
import { csvRow, UTF8_BOM } from "../../csv/csv-row.js";
import { BadUserInputError } from "../../errors/app-errors.js";
import { ScanGrouping } from "../../research/scan-grouping.js";
import { principalOf } from "../authenticate.js";
import type { RouteMount } from "../app.js";
import { apiRoute } from "./http-problem.js";

const GROUPINGS = new Set<string>(Object.values(ScanGrouping));

/**
 * `GET /statistics/scans.csv?groupBy=PRODUCT,DAY&from=&to=&productId=&batchId=`: scanStatistics as a spreadsheet
 * (UTF-8 with BOM, so Excel opens the Chinese names), one row per group.
 */
export const mountScanStatisticsCsv: RouteMount = (app, services) => {
  app.get(
    "/statistics/scans.csv",
    apiRoute(services.logger, async (req: Request, res: Response) => {
      const rows = await services.scanStatistics.statistics(
        {
          groupBy: groupByParam(req.query.groupBy),
          from: dateParam(req.query.from, "from"),
          to: dateParam(req.query.to, "to"),
          productId: textParam(req.query.productId),
          batchId: textParam(req.query.batchId),
        },
        principalOf(res),
      );
      res.status(200).type("text/csv; charset=utf-8");
      res.setHeader("content-disposition", `attachment; filename="scan-statistics.csv"`);
      const header = [
        "productId",
        "batchId",
        "regionCode",
        "regionName",
        "day",
        "consumerScans",
        "channelScans",
        "scans",
      ];
      res.write(UTF8_BOM + csvRow(header));
      for (const r of rows) {
        res.write(
          csvRow([r.productId, r.batchId, r.regionCode, r.regionName, r.day, r.consumerScans, r.channelScans, r.scans]),
        );
      }
      res.end();
    }),
  );
};

function groupByParam(raw: unknown): ScanGrouping[] {
  const text = typeof raw === "string" ? raw : "";
  const names = text
    .split(",")
    .map((name) => name.trim().toUpperCase())
    .filter((name) => name !== "");
  const unknown = names.find((name) => !GROUPINGS.has(name));
  if (unknown !== undefined) {
    throw new BadUserInputError(`groupBy: ${unknown.slice(0, 20)} is not one of ${[...GROUPINGS].join(", ")}`, {
      field: "groupBy",
      rule: "grouping",
    });
  }
  return names as ScanGrouping[];
}

function dateParam(raw: unknown, field: string): Date | null {
  if (raw === undefined || raw === "") return null;
  const date = typeof raw === "string" ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw new BadUserInputError(`${field} is not a date-time (ISO 8601)`, { field, rule: "date" });
  }
  return date;
}

function textParam(raw: unknown): string | null {
  return typeof raw === "string" && raw.trim() !== "" ? raw.trim() : null;
}
