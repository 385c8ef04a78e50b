import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumerView } from "../../../src/consumer/consumer-view.js";
import { ConsumerService } from "../../../src/consumer/consumer.service.js";
import { parseTracePathCode } from "../../../src/consumer/consumer-identifier.js";
import { ConsumerRepository } from "../../../src/graph/consumer.repository.js";
import { ConsumerVisitRepository } from "../../../src/graph/consumer-visit.repository.js";
import { judgeScans } from "../../../src/graph/diversion.queries.js";
import { createApp, type App } from "../../../src/server/app.js";
import { ROUTES } from "../../../src/server/routes.js";
import { buildAppSchema } from "../../../src/server/schema.js";
import { principalOf } from "../../support/gql-as.js";
import { gqlAs } from "../../support/gql-as.js";
import { dataOf } from "../../support/test-api.js";
import { testApplication, uniqueSuffix, type TestServices } from "../../support/test-services.js";
import { makeBatch, startHttpApp, type MadeBatch } from "./http-fixtures.js";

/**
 * Issue 15 item 1: every consumer view of `/t/{code}` (HTML or JSON) is an anonymous consumer query, counted once per
 * browser in 10 minutes, limited per address, never for crawlers; the page and the JSON say FIRST, REPEATED or
 * SUSPICIOUS with the count and the first query's time.
 */

const PHONE_BROWSER =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0.44";

type View = ConsumerView & { error?: { code: string } };

async function open(
  base: string,
  code: string,
  options: { cookie?: string; agent?: string | null; accept?: string; query?: string } = {},
): Promise<{ res: Response; body: string }> {
  const headers: Record<string, string> = { accept: options.accept ?? "text/html" };
  if (options.agent !== null) headers["user-agent"] = options.agent ?? PHONE_BROWSER;
  if (options.cookie) headers.cookie = `tgv=${options.cookie}`;
  const res = await fetch(`${base}/t/${code}${options.query ?? ""}`, { headers });
  return { res, body: await res.text() };
}

async function json(base: string, code: string, options: Parameters<typeof open>[2] = {}): Promise<View> {
  const { body } = await open(base, code, { ...options, accept: "application/json" });
  return JSON.parse(body) as View;
}

/** A fresh browser: its own viewer cookie (22+ url-safe characters). */
function browser(name: string): string {
  return `${name}-${uniqueSuffix()}-${uniqueSuffix()}`;
}

const STATISTICS = `query($batchId: ID) {
  scanStatistics(groupBy: [BATCH], batchId: $batchId) { batchId consumerScans channelScans }
}`;

describe("consumer verification: page views are anonymous consumer queries (issue 15 item 1)", () => {
  const suffix = uniqueSuffix();
  let app: App;
  let base: string;
  let services: TestServices;
  let made: MadeBatch;

  beforeAll(async () => {
    ({ app, base, services } = await startHttpApp());
    made = await makeBatch({ suffix, count: 8, release: true });
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  it("says 首次查询 on the first view; a second browser changes the verdict and the count", async () => {
    const code = made.codes[0]!;
    const first = browser("a");
    const { res, body } = await open(base, code, { cookie: first });
    expect(res.status).toBe(200);
    expect(body).toContain("首次查询");
    const once = await json(base, code, { cookie: first });
    // The same browser within 10 minutes: not counted again, still the first query.
    expect(once.queries).toMatchObject({ count: 1, verdict: "FIRST" });
    const firstAt = once.queries.firstAt;
    expect(firstAt).toEqual(expect.any(String));

    const second = await json(base, code, { cookie: browser("b") });
    expect(second.queries).toMatchObject({ count: 2, verdict: "REPEATED", firstAt });
    const { body: page } = await open(base, code, { cookie: browser("c") });
    expect(page).toContain("已被查询 3 次，首次查询于");
  });

  it("keeps a browser without a cookie one viewer: by address and agent, then by the cookie it was given", async () => {
    const code = made.codes[1]!;
    const agent = `${PHONE_BROWSER} ${uniqueSuffix()}`;
    const { res } = await open(base, code, { agent });
    const cookie = /tgv=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
    expect(cookie).toBeDefined();
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    await open(base, code, { agent });
    const view = await json(base, code, { agent, cookie });
    expect(view.queries).toMatchObject({ count: 1, viewers: 1, verdict: "FIRST" });
  });

  it("warns of a copied code when many browsers or distant regions query it", async () => {
    const code = made.codes[2]!;
    for (const name of ["d", "e", "f"]) await open(base, code, { cookie: browser(name) });
    const view = await json(base, code, { cookie: browser("g") });
    expect(view.queries).toMatchObject({ count: 4, viewers: 4, verdict: "SUSPICIOUS" });
    expect(view.queries.warning).toContain("可能是被复制的码");
    expect(view.hints.map((h) => h.text)).toContain(view.queries.warning);

    const spread = made.codes[3]!;
    await open(base, spread, { cookie: browser("h"), query: "?region=440305" });
    const far = await json(base, spread, { cookie: browser("i"), query: "?region=110105" });
    expect(far.queries).toMatchObject({ count: 2, provinces: 2, verdict: "SUSPICIOUS" });
    expect(far.scans.regions.map((r) => r.regionCode).sort()).toEqual(["110105", "440305"]);
  });

  it("takes the region from the X-Region-Code header too, and ignores a malformed one", async () => {
    const code = made.codes[4]!;
    const headers = { accept: "application/json", "user-agent": PHONE_BROWSER, "x-region-code": "440305" };
    await fetch(`${base}/t/${code}`, { headers: { ...headers, cookie: `tgv=${browser("j")}` } });
    const res = await fetch(`${base}/t/${code}?region=99xx`, {
      headers: { ...headers, cookie: `tgv=${browser("k")}` },
    });
    expect(res.status).toBe(200);
    const view = (await res.json()) as View;
    expect(view.scans.regions).toEqual([
      expect.objectContaining({ regionCode: "440305", scans: 1 }),
      expect.objectContaining({ regionCode: null, scans: 1 }),
    ]);
  });

  it("never counts crawlers, link previews, scripts or a request without a User-Agent", async () => {
    const code = made.codes[5]!;
    for (const agent of [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
      "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider)",
      "facebookexternalhit/1.1",
      "curl/8.5.0",
      // Node's fetch without a User-Agent of its own says "node".
      null,
    ]) {
      const { res } = await open(base, code, { agent, cookie: browser("bot") });
      expect(res.status).toBe(200);
    }
    const view = await json(base, code, { agent: "Googlebot/2.1", cookie: browser("bot") });
    expect(view.queries).toMatchObject({ count: 0, verdict: "FIRST" });
    expect(view.scans.total).toBe(0);
  });

  it("counts the views as consumer scans in scanStatistics, for the maker", async () => {
    const maker = principalOf("MANUFACTURER", made.maker);
    const rows = dataOf(await gqlAs<{ scanStatistics: unknown[] }>(maker, STATISTICS, { batchId: made.batch.id }));
    // codes 0 (3 browsers), 1 (1), 2 (4), 3 (2), 4 (2); the crawlers' views of code 5 are not there.
    expect(rows.scanStatistics).toEqual([{ batchId: made.batch.id, consumerScans: 12, channelScans: 0 }]);
  });

  it("stores no address, agent or cookie: only the viewer's keyed hash", async () => {
    const rows = await services.executor.read({
      name: "test.consumerViews",
      cypher: `MATCH (s:Scan {objectKey: $key}) RETURN s {.*} AS scan`,
      params: { key: made.codes[0] },
    });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const scan = row.scan as Record<string, unknown>;
      expect(scan).toMatchObject({ role: "CONSUMER", source: "CONSUMER_PAGE", viewer: expect.any(String) });
      expect(Object.keys(scan).sort()).toEqual(["at", "id", "objectKey", "role", "source", "viewer"]);
      expect(JSON.stringify(scan)).not.toMatch(/127\.0\.0\.1|Mozilla|MicroMessenger/);
    }
  });

  it("never judges a page view for diversion, even with a region, when scans are judged again", async () => {
    const rows = await services.executor.read({
      name: "test.viewWithRegion",
      cypher: `MATCH (s:Scan {objectKey: $key}) WHERE s.regionCode IS NOT NULL RETURN s.id AS id`,
      params: { key: made.codes[3] },
    });
    expect(rows).toHaveLength(2);
    const judged = await services.executor.write(judgeScans(rows.map((r) => String(r.id))));
    expect(judged).toEqual([]);
  });

  it("stops counting an address over CONSUMER_VIEWS_PER_MINUTE, and still shows the page", async () => {
    const application = await testApplication();
    const limited = {
      ...services,
      config: { ...services.config, consumer: { ...services.config.consumer, viewsPerAddressPerMinute: 2 } },
    };
    const limitedApp = await createApp(limited, await buildAppSchema(), application.readiness, {
      authenticator: await application.authenticator(),
      routes: ROUTES,
    });
    await new Promise<void>((resolve) => limitedApp.httpServer.listen(0, "127.0.0.1", resolve));
    try {
      const limitedBase = `http://127.0.0.1:${(limitedApp.httpServer.address() as AddressInfo).port}`;
      const code = made.codes[6]!;
      for (const name of ["l", "m", "n", "o"]) {
        const { res } = await open(limitedBase, code, { cookie: browser(name) });
        expect(res.status).toBe(200);
      }
      const view = await json(base, code, { agent: "Googlebot/2.1" });
      expect(view.queries.count).toBe(2);
    } finally {
      await limitedApp.apollo.stop();
    }
  });

  it("still renders the page when recording the view fails", async () => {
    const failing = new (class extends ConsumerVisitRepository {
      override async recordView(): Promise<boolean> {
        throw new Error("write failed");
      }
    })(services.executor);
    const consumer = new ConsumerService(
      new ConsumerRepository(services.executor),
      services.producer.codes,
      failing,
      "a-test-secret-of-at-least-32-characters",
      pino({ level: "silent" }),
    );
    const code = made.codes[7]!;
    const visit = { cookie: null, address: "203.0.113.7", userAgent: PHONE_BROWSER, region: null, withinRate: true };
    const view = await consumer.view(parseTracePathCode(code), visit);
    expect(view).toMatchObject({ key: code, queries: { count: 0, verdict: "FIRST" } });
  });
});
