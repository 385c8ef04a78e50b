import express, { type IRouter, type Request, type Response } from "express";
import type { HttpConfig } from "../../root/config.js";
import { principalOf } from "../authenticate.js";
import { jsonDepthGuard } from "../json-depth-guard.js";
import { messageInCallersLanguage, problemOf } from "./http-problem.js";
import { clipStrings } from "../../errors/excerpt.js";
import type { Services } from "../../root/services.js";
import { AppError } from "../../errors/app-errors.js";
import {
  EVENT_QUERY_LIST_PARAMS,
  EVENT_QUERY_SINGLE_PARAMS,
  type EventQueryParams,
} from "../../epcis/event-query.service.js";
import { queryDocument } from "../../epcis/query-document.js";

/**
 * The EPCIS 2.0 REST binding: `POST /epcis/capture` answers 202 with a capture job that `GET /epcis/capture/{id}`
 * reports on (a document capture would refuse gets 400 / 403 at once, and no job); `GET /epcis/events` answers an EPCISQueryDocument, paged with `perPage` and `nextPageToken`. Mounted
 * behind the credential: `res.locals.principal` is the caller.
 */
export function mountEpcisRoutes(app: IRouter, services: Services, http: HttpConfig): void {
  // CAPTURE_BODY_LIMIT_MB; a larger document is refused unread (413 PAYLOAD_TOO_LARGE, src/server/http-fallback.ts).
  const json = express.json({ limit: http.captureBodyLimitBytes, type: ["application/json", "application/ld+json"] });
  app.post("/epcis/capture", json, jsonDepthGuard(), (req, res) => void startCapture(services, req, res));
  // The other routes read their caller, when their services take one, from res.locals.principal (principalOf).
  app.get("/epcis/capture/:id", (req, res) => void captureStatus(services, req, res));
  app.get("/epcis/events", (req, res) => void listEvents(services, req, res));
}

async function startCapture(services: Services, req: Request, res: Response): Promise<void> {
  const principal = await guarded(res, async () => principalOf(res));
  if (!principal) return;
  if (!req.is(["application/json", "application/ld+json"])) {
    res.status(415).json(problem(req, "UNSUPPORTED_MEDIA_TYPE", "send application/json or application/ld+json"));
    return;
  }
  // Checked first (an invalid document is refused here, with its errors, and no job is stored), then stored with its
  // job before the 202: a job worker, in this process or another, writes it even if this one dies right after.
  const id = await guarded(res, () => services.captureJobs.submit(req.body as unknown, principal));
  if (!id || res.headersSent) return;
  res.status(202).location(`/epcis/capture/${id}`).json({ captureID: id });
}

async function captureStatus(services: Services, req: Request, res: Response): Promise<void> {
  const job = await guarded(res, () => services.captureJobs.find(String(req.params.id), principalOf(res)));
  if (res.headersSent) return;
  if (!job) {
    res.status(404).json(problem(req, "NOT_FOUND", `no capture job ${String(req.params.id)}`));
    return;
  }
  res.json({
    captureID: job.id,
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    running: job.status === "RUNNING",
    success: job.status === "DONE",
    captureErrorBehaviour: "rollback",
    accepted: job.accepted,
    duplicates: job.duplicates,
    errors: job.errors,
  });
}

async function listEvents(services: Services, req: Request, res: Response): Promise<void> {
  const perPage = req.query.perPage === undefined ? 30 : Number(req.query.perPage);
  const token = typeof req.query.nextPageToken === "string" ? req.query.nextPageToken : null;
  const page = await guarded(res, () => services.eventQueries.page(queryParams(req), perPage, token, principalOf(res)));
  if (!page || res.headersSent) return;
  if (page.nextCursor) {
    const next = new URLSearchParams(req.query as Record<string, string>);
    next.set("nextPageToken", page.nextCursor);
    res.setHeader("link", `</epcis/events?${next.toString()}>; rel="next"`);
  }
  res.type("application/ld+json").json(queryDocument(page.events, undefined, page.masterData));
}

function queryParams(req: Request): EventQueryParams {
  const params: Record<string, string | string[]> = {};
  for (const name of EVENT_QUERY_LIST_PARAMS) {
    const value = req.query[name];
    if (value !== undefined) params[name] = ([] as unknown[]).concat(value).flatMap((v) => String(v).split(","));
  }
  for (const name of EVENT_QUERY_SINGLE_PARAMS) {
    const value = req.query[name];
    if (typeof value === "string") params[name] = value;
  }
  return params as EventQueryParams;
}

/**
 * Runs `work`; known errors become their problem answers (4xx, 503 with Retry-After), cut to excerpts; anything
 * else a masked 500.
 */
async function guarded<T>(res: Response, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    const known = problemOf(error);
    if (!known) {
      res.status(500).json(problem(res.req, "INTERNAL_SERVER_ERROR", "Internal server error"));
      return undefined;
    }
    if (known.retryAfter !== undefined) res.set("Retry-After", String(known.retryAfter));
    // `http` is Apollo's (status and headers), not part of a problem.
    const { http: _http, ...extensions } = error instanceof AppError ? error.extensions : { value: known.value };
    res
      .status(known.status)
      .json(problem(res.req, known.code, known.message, clipStrings(extensions) as Record<string, unknown>));
    return undefined;
  }
}

/** A problem body; its title in the caller's language (Chinese for `Accept-Language: zh…`, the English beside). */
function problem(req: Request, code: string, message: string, extensions: Record<string, unknown> = {}) {
  const { message: title, englishMessage } = messageInCallersLanguage(req, code, message, extensions);
  return {
    type: `urn:tracegraph:error:${code}`,
    title,
    code,
    ...(englishMessage !== undefined ? { englishTitle: englishMessage } : {}),
    ...extensions,
  };
}
