import { isRegionCode } from "../codes/index.js";
import { keyedHash } from "./keyed-hash.js";

/**
 * One consumer opening a code's page, as the HTTP layer saw it. Nothing here is stored as is: the browser becomes a
 * keyed hash (`viewerOf`), the address is only used for that hash and the rate limit.
 */
export interface ConsumerVisit {
  /** The viewer cookie the browser sent (VIEWER_COOKIE), when it looks like one of ours. */
  cookie: string | null;
  address: string | null;
  userAgent: string | null;
  /** `?region=` or the `X-Region-Code` header, unchecked; a malformed one is ignored (region unknown). */
  region: string | null;
  /** False when the address is over its allowance of counted views (CONSUMER_VIEWS_PER_MINUTE). */
  withinRate: boolean;
}

/** The cookie that keeps one browser one viewer; its value is a keyed hash, not a tracking id of its own. */
export const VIEWER_COOKIE = "tgv";
/** A view of the same code by the same viewer within this window counts once. */
export const VIEW_DEDUP_SECONDS = 10 * 60;
/** How long a browser keeps its viewer cookie. */
export const VIEWER_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600;

const COOKIE_VALUE = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * Crawlers, link previews and scripts: never counted as consumer queries. Matched on the User-Agent, case-insensitive;
 * WeChat's and Alipay's in-app browsers (MicroMessenger, AlipayClient), where most Chinese consumers open a QR link,
 * match none of these. A request without a User-Agent is no browser either.
 */
const CRAWLER_AGENTS =
  /bot\b|bot\/|crawl|spider|slurp|baiduspider|sogou|360spider|yisouspider|bytespider|petalbot|yandex|facebookexternalhit|twitterbot|slackbot|discordbot|whatsapp|telegrambot|linkedinbot|embedly|preview|headless|lighthouse|curl\/|wget\/|python-requests|python-urllib|aiohttp|go-http-client|okhttp|java\/|libwww|httpclient|scrapy|phantomjs/i;

/** Agents that are a library's default, never a browser's (Node's fetch says just `node`). */
const LIBRARY_DEFAULTS = /^(node|undici|node-fetch.*|axios.*|got.*)$/i;

export function isCrawler(userAgent: string | null): boolean {
  const agent = userAgent?.trim() ?? "";
  return agent === "" || LIBRARY_DEFAULTS.test(agent) || CRAWLER_AGENTS.test(agent);
}

/** The cookie value a browser is given: the one it sent, else a keyed hash of its address and agent. */
export function viewerCookie(secret: string, visit: Pick<ConsumerVisit, "cookie" | "address" | "userAgent">): string {
  if (visit.cookie !== null && COOKIE_VALUE.test(visit.cookie)) return visit.cookie;
  return keyedHash(secret, "viewer-address", `${visit.address ?? ""}|${visit.userAgent ?? ""}`).slice(0, 32);
}

/**
 * The viewer stored on a consumer view: a keyed hash of the cookie value. The first view (no cookie yet) and the next
 * ones (the cookie it was given) hash the same value, so they are one viewer.
 */
export function viewerOf(secret: string, visit: Pick<ConsumerVisit, "cookie" | "address" | "userAgent">): string {
  return keyedHash(secret, "viewer", viewerCookie(secret, visit));
}

/** A well-formed GB/T 2260 code, else null: a consumer's region is a hint, never a reason to refuse the page. */
export function visitRegion(raw: string | null): string | null {
  const code = raw?.trim() ?? "";
  return isRegionCode(code) ? code : null;
}
