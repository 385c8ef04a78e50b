import express, { type IRouter, type Request, type Response } from "express";
import { principalOf } from "../authenticate.js";
import { jsonDepthGuard } from "../json-depth-guard.js";
import { apiRoute } from "./http-problem.js";
import type { Services } from "../../root/services.js";
import { queryDocument } from "../../epcis/query-document.js";
import type { NamedQueryRecord, SubscriptionRecord } from "../../notify/subscription.service.js";

/**
 * EPCIS 2.0 named queries and subscriptions (REST binding; issue 18 item 1), behind the credential:
 *
 * - `POST /queries` `{name, query}`, `GET /queries`, `GET /queries/{name}`, `DELETE /queries/{name}`;
 * - `GET /queries/{name}/events`: the query's events (an EPCISQueryDocument, paged as `GET /epcis/events`);
 * - `POST /queries/{name}/subscriptions` `{dest, signatureToken?, stream: true | schedule, reportIfEmpty?,
 *   initialRecordTime?}`, `GET /queries/{name}/subscriptions`, `GET` / `DELETE /queries/{name}/subscriptions/{id}`;
 * - `GET /queries/{name}/subscriptions/{id}/dead-letters` and `POST …/dead-letters/replay` `{keys?}`.
 */
export function mountQueryRoutes(app: IRouter, services: Services): void {
  const json = express.json({ limit: "100kb", type: ["application/json", "application/ld+json"] });
  const route = (handler: (req: Request, res: Response) => Promise<void>) => apiRoute(services.logger, handler);
  const subs = services.subscriptions;
  const name = (req: Request) => String(req.params.name);
  const id = (req: Request) => String(req.params.id);

  app.post(
    "/queries",
    json,
    jsonDepthGuard(),
    route(async (req, res) => {
      const created = await subs.createQuery(req.body as unknown, principalOf(res));
      res
        .status(201)
        .location(`/queries/${encodeURIComponent(created.name)}`)
        .json(queryBody(created));
    }),
  );
  app.get(
    "/queries",
    route(async (_req, res) => {
      res.json({ queries: (await subs.listQueries(principalOf(res))).map(queryBody) });
    }),
  );
  app.get(
    "/queries/:name",
    route(async (req, res) => {
      res.json(queryBody(await subs.findQuery(name(req), principalOf(res))));
    }),
  );
  app.delete(
    "/queries/:name",
    route(async (req, res) => {
      await subs.deleteQuery(name(req), principalOf(res));
      res.status(204).end();
    }),
  );
  app.get(
    "/queries/:name/events",
    route(async (req, res) => {
      const perPage = req.query.perPage === undefined ? 30 : Number(req.query.perPage);
      const token = typeof req.query.nextPageToken === "string" ? req.query.nextPageToken : null;
      const page = await subs.queryEvents(name(req), perPage, token, principalOf(res));
      if (page.nextCursor) {
        const next = new URLSearchParams({ perPage: String(perPage), nextPageToken: page.nextCursor });
        res.setHeader("link", `</queries/${encodeURIComponent(name(req))}/events?${next.toString()}>; rel="next"`);
      }
      res.type("application/ld+json").json(queryDocument(page.events, name(req), page.masterData));
    }),
  );
  app.post(
    "/queries/:name/subscriptions",
    json,
    jsonDepthGuard(),
    route(async (req, res) => {
      const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as Record<string, unknown>;
      const created = await subs.subscribe(name(req), body, principalOf(res));
      res
        .status(201)
        .location(`/queries/${encodeURIComponent(name(req))}/subscriptions/${created.id}`)
        .json(subscriptionBody(created));
    }),
  );
  app.get(
    "/queries/:name/subscriptions",
    route(async (req, res) => {
      const list = await subs.listSubscriptions(name(req), principalOf(res));
      res.json({ subscriptions: list.map(subscriptionBody) });
    }),
  );
  app.get(
    "/queries/:name/subscriptions/:id",
    route(async (req, res) => {
      res.json(subscriptionBody(await subs.findSubscription(name(req), id(req), principalOf(res))));
    }),
  );
  app.delete(
    "/queries/:name/subscriptions/:id",
    route(async (req, res) => {
      await subs.unsubscribe(name(req), id(req), principalOf(res));
      res.status(204).end();
    }),
  );
  app.get(
    "/queries/:name/subscriptions/:id/dead-letters",
    route(async (req, res) => {
      res.json({ deadLetters: await subs.deadLetters(name(req), id(req), principalOf(res)) });
    }),
  );
  app.post(
    "/queries/:name/subscriptions/:id/dead-letters/replay",
    json,
    route(async (req, res) => {
      const keys = (req.body as { keys?: unknown } | undefined)?.keys;
      const list = Array.isArray(keys) ? keys.map(String) : null;
      res.json({ replayed: await subs.replay(name(req), id(req), list, principalOf(res)) });
    }),
  );
}

/**
 * Diversion alerts delivered to webhooks (issue 18), behind the credential: `POST /alert-subscriptions`
 * `{dest, signatureToken?, filter?}` (a DiversionFilter), `GET /alert-subscriptions`, `GET` / `DELETE
 * /alert-subscriptions/{id}`, `GET /alert-subscriptions/{id}/dead-letters`.
 */
export function mountAlertSubscriptionRoutes(app: IRouter, services: Services): void {
  const json = express.json({ limit: "100kb" });
  const route = (handler: (req: Request, res: Response) => Promise<void>) => apiRoute(services.logger, handler);
  const alerts = services.alertWebhooks;
  const id = (req: Request) => String(req.params.id);
  app.post(
    "/alert-subscriptions",
    json,
    jsonDepthGuard(),
    route(async (req, res) => {
      const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as Record<string, unknown>;
      const created = await alerts.subscribe(body, principalOf(res));
      res.status(201).location(`/alert-subscriptions/${created.id}`).json(alertSubscriptionBody(created));
    }),
  );
  app.get(
    "/alert-subscriptions",
    route(async (_req, res) => {
      res.json({ subscriptions: (await alerts.list(principalOf(res))).map(alertSubscriptionBody) });
    }),
  );
  app.get(
    "/alert-subscriptions/:id",
    route(async (req, res) => {
      res.json(alertSubscriptionBody(await alerts.find(id(req), principalOf(res))));
    }),
  );
  app.delete(
    "/alert-subscriptions/:id",
    route(async (req, res) => {
      await alerts.unsubscribe(id(req), principalOf(res));
      res.status(204).end();
    }),
  );
  app.get(
    "/alert-subscriptions/:id/dead-letters",
    route(async (req, res) => {
      res.json({ deadLetters: await alerts.deadLetters(id(req), principalOf(res)) });
    }),
  );
}

function alertSubscriptionBody(s: SubscriptionRecord) {
  const { queryName: _name, stream: _stream, reportIfEmpty: _empty, ...rest } = subscriptionBody(s);
  return { ...rest, filter: JSON.parse(s.params) as unknown };
}

function queryBody(record: NamedQueryRecord) {
  return { name: record.name, query: JSON.parse(record.params) as unknown, createdAt: record.createdAt };
}

/** A subscription as its owner reads it back: never its signatureToken. */
function subscriptionBody(s: SubscriptionRecord) {
  return {
    subscriptionID: s.id,
    queryName: s.queryName,
    dest: s.dest,
    stream: s.stream,
    ...(s.schedule ? { schedule: JSON.parse(s.schedule) as unknown } : {}),
    reportIfEmpty: s.reportIfEmpty,
    ...(s.initialRecordTime ? { initialRecordTime: s.initialRecordTime } : {}),
    createdAt: s.createdAt,
    delivery: {
      pending: s.pending,
      delivered: s.delivered,
      deadLetters: s.dead,
      consecutiveFailures: s.failures,
      ...(s.lastError ? { lastError: s.lastError } : {}),
      ...(s.lastDeliveredAt ? { lastDeliveredAt: s.lastDeliveredAt } : {}),
    },
  };
}
