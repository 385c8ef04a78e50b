import type { Request, Response } from "express";
import type { ParsedIdentifier } from "../../codes/index.js";
import { parseDigitalLinkPath, parseTracePathCode } from "../../consumer/consumer-identifier.js";
import { renderConsumerPage, renderErrorPage } from "../../consumer/consumer-page.html.js";
import {
  isCrawler,
  VIEWER_COOKIE,
  VIEWER_COOKIE_MAX_AGE_SECONDS,
  type ConsumerVisit,
} from "../../consumer/consumer-visit.js";
import { byAddress, TokenBuckets } from "../rate-limit.js";
import type { ConsumerView } from "../../consumer/consumer-view.js";
import { LINKSET_MEDIA_TYPE, buildLinkset, linkOfType, resolverUrl } from "../../consumer/linkset.js";
import { ErrorCode } from "../../errors/error-code.js";
import type { RouteMount } from "../app.js";
import { problemOrLogged, sendJsonProblem, type HttpProblem } from "./http-problem.js";

/**
 * GS1 Digital Link paths our host resolves (a minimal GS1 resolver for the objects it knows): product class, lot,
 * item, lot + item, logistic unit. Express matches them on the raw path, so a `%2F` in a serial stays one segment.
 */
export const DIGITAL_LINK_PATHS = [
  "/01/:gtin",
  "/01/:gtin/10/:lot",
  "/01/:gtin/21/:serial",
  "/01/:gtin/10/:lot/21/:serial",
  "/00/:sscc",
] as const;

/** The first segments of DIGITAL_LINK_PATHS (GS1 application identifiers 01 GTIN, 00 SSCC): public prefixes. */
export const DIGITAL_LINK_PREFIXES = ["/01", "/00"] as const;

/**
 * No scripts, no external anything: only the inline stylesheet may run. A value that slipped past escaping still
 * could not load or execute anything.
 */
const PAGE_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  // A recall or a voided code must show on the next scan, not after a cache expires.
  "Cache-Control": "no-store",
  Vary: "Accept",
} as const;

/** The header a front proxy (or an app that knows the consumer's place) names the consumer's region in. */
export const REGION_HEADER = "X-Region-Code";

/**
 * `GET /t/{code}` and the Digital Link paths: what a consumer sees after scanning, as HTML or (Accept) JSON. Each GET
 * is a consumer query (see ConsumerService.view): counted once per browser in 10 minutes, at most
 * CONSUMER_VIEWS_PER_MINUTE per address, never for crawlers; the browser gets a viewer cookie.
 */
export const mountConsumerRoutes: RouteMount = (app, services) => {
  const consumer = services.consumer;
  const perMinute = services.config.consumer.viewsPerAddressPerMinute;
  const counted = perMinute > 0 ? new TokenBuckets(perMinute) : null;
  const visitOf = (req: Request): ConsumerVisit | null => {
    // A resolver's linkset or redirect shows no consumer a verdict: only the page (HTML or JSON) is a view.
    if (req.method !== "GET" || wantsLinks(req)) return null;
    const address = byAddress(req);
    const userAgent = req.get("user-agent") ?? null;
    return {
      cookie: cookieValue(req, VIEWER_COOKIE),
      address,
      userAgent,
      region: firstString(req.query.region) ?? req.get(REGION_HEADER) ?? null,
      // Crawlers take no share of an address's allowance (they are never counted anyway).
      withinRate: counted !== null && !isCrawler(userAgent) && counted.take(address ?? "unknown").allowed,
    };
  };
  const show = (parse: (req: Request) => ParsedIdentifier) => async (req: Request, res: Response) => {
    res.set(PAGE_HEADERS);
    try {
      const id = parse(req);
      const visit = visitOf(req);
      const view = await consumer.view(id, visit);
      if (visit) {
        res.cookie(VIEWER_COOKIE, consumer.viewerCookie(visit), {
          maxAge: VIEWER_COOKIE_MAX_AGE_SECONDS * 1000,
          httpOnly: true,
          sameSite: "lax",
          secure: req.secure,
          path: "/",
        });
      }
      if (!view) return sendProblem(req, res, notFound(id.key));
      if (answerLinks(req, res, view, services.config.publicBaseUrl)) return;
      if (wantsJson(req)) res.json(view);
      else res.type("html").send(renderConsumerPage(view));
    } catch (error) {
      sendProblem(req, res, problemOrLogged(error, services.logger, req));
    }
  };
  const byTraceCode = (req: Request) => parseTracePathCode(String(req.params.code));
  const byDigitalLink = (req: Request) => parseDigitalLinkPath(req.path);
  app.get("/t/:code", show(byTraceCode));
  for (const path of DIGITAL_LINK_PATHS) {
    app.get(path, show(byDigitalLink));
  }
};

function firstString(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return null;
}

/** One cookie's value from the Cookie header (no cookie parser needed for one name). */
function cookieValue(req: Request, name: string): string | null {
  for (const part of (req.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

/**
 * GS1-Conformant resolver answers: the linkset (`?linkType=all`, or `Accept: application/linkset+json`), a redirect
 * to the link of one type (`?linkType=gs1:epcis`; the default link when the object has none of that type); otherwise
 * a `Link` header naming the linkset beside the page. True when the answer was sent.
 */
function answerLinks(req: Request, res: Response, view: ConsumerView, baseUrl: string): boolean {
  const linkType = linkTypeOf(req);
  const linkset = buildLinkset(view, baseUrl);
  const url = resolverUrl(baseUrl, view.key);
  if (linkType === "all" || (linkType === undefined && acceptsLinkset(req))) {
    res.type(LINKSET_MEDIA_TYPE).json(linkset);
    return true;
  }
  if (linkType !== undefined) {
    const link = linkOfType(linkset, linkType) ?? linkOfType(linkset, "defaultLink");
    if (link) res.redirect(307, link.href);
    return link !== undefined;
  }
  res.set("Link", `<${url}?linkType=all>; rel="linkset"; type="${LINKSET_MEDIA_TYPE}"`);
  return false;
}

function linkTypeOf(req: Request): string | undefined {
  return typeof req.query.linkType === "string" ? req.query.linkType : undefined;
}

function acceptsLinkset(req: Request): boolean {
  return req.accepts(["html", "json", LINKSET_MEDIA_TYPE]) === LINKSET_MEDIA_TYPE;
}

/** A resolver request (`?linkType=…` or `Accept: application/linkset+json`) rather than a page. */
function wantsLinks(req: Request): boolean {
  return linkTypeOf(req) !== undefined || acceptsLinkset(req);
}

function wantsJson(req: Request): boolean {
  return req.accepts(["html", "json"]) === "json";
}

function notFound(key: string): HttpProblem {
  return {
    status: 404,
    code: ErrorCode.NOT_FOUND,
    message: `no product, lot or item is known under ${key}`,
    value: key,
  };
}

function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  if (wantsJson(req)) return sendJsonProblem(res, problem);
  res
    .status(problem.status)
    .type("html")
    .send(renderErrorPage({ ...errorText(problem), status: problem.status }));
}

/** The bilingual wording of an error page; `detail` is the exact value or reason, for whoever reports it. */
function errorText(problem: HttpProblem) {
  switch (problem.status) {
    case 400:
      return {
        titleZh: "追溯码格式错误",
        titleEn: "Malformed code",
        messageZh: "这个码的格式或校验位不正确，可能有字符输错或看错（例如 0 与 O、1 与 I）。请核对后重试。",
        messageEn:
          "This code is malformed or fails its check character: a character may have been mistyped or misread.",
        detail: problem.message,
      };
    case 404:
      return {
        titleZh: "未找到该追溯码",
        titleEn: "Code not found",
        messageZh:
          "没有查到这个追溯码对应的产品。请核对追溯码是否完整、正确；如仍查询不到，可能是仿冒产品，请联系生产企业或拨打 12315 反映。",
        messageEn:
          "We know no product under this code. Check that it is complete and correct; if it still cannot be found, the product may be counterfeit.",
        detail: problem.value ?? problem.message,
      };
    default:
      return {
        titleZh: "暂时无法查询",
        titleEn: "Temporarily unavailable",
        messageZh: "追溯查询服务暂时不可用，请稍后再试。",
        messageEn: "The trace service is temporarily unavailable; please try again shortly.",
      };
  }
}
