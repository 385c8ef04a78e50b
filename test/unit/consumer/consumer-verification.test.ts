import { describe, expect, it } from "vitest";
import { isCrawler, viewerCookie, viewerOf, visitRegion } from "../../../src/consumer/consumer-visit.js";
import { queryReport } from "../../../src/consumer/query-verdict.js";
import { protectPhone } from "../../../src/aftersales/phone-number.js";
import { warrantyEnd } from "../../../src/aftersales/warranty-dates.js";

const SECRET = "unit-test-secret-0123456789abcdefghij";

describe("consumer views and their verdict", () => {
  it("tells crawlers and scripts from phones' browsers", () => {
    for (const agent of [
      null,
      "",
      "node",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
      "Mozilla/5.0 (compatible; YandexBot/3.0)",
      "python-requests/2.31",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
    ]) {
      expect(isCrawler(agent), String(agent)).toBe(true);
    }
    for (const agent of [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN",
      "Mozilla/5.0 (Linux; U; Android 13; zh-CN; V2243A) AppleWebKit/537.36 Chrome/100.0 Mobile Safari/537.36 AlipayClient/10.5.36",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
    ]) {
      expect(isCrawler(agent), agent).toBe(false);
    }
  });

  it("keeps one browser one viewer with or without its cookie, and never the address in the clear", () => {
    const visit = { cookie: null, address: "203.0.113.7", userAgent: "UA" };
    const cookie = viewerCookie(SECRET, visit);
    expect(cookie).not.toContain("203.0.113.7");
    expect(viewerOf(SECRET, { ...visit, cookie })).toBe(viewerOf(SECRET, visit));
    expect(viewerOf(SECRET, { ...visit, address: "203.0.113.8" })).not.toBe(viewerOf(SECRET, visit));
    // A cookie that is not one of ours is replaced.
    expect(viewerCookie(SECRET, { ...visit, cookie: "<x>" })).toBe(cookie);
  });

  it("takes a region only when it is a GB/T 2260 code", () => {
    expect(visitRegion("440305")).toBe("440305");
    expect(visitRegion(" 110105 ")).toBe("110105");
    expect(visitRegion("999999")).toBeNull();
    expect(visitRegion(null)).toBeNull();
  });

  it("says FIRST, then REPEATED, then SUSPICIOUS by viewers, provinces or count; never for shared codes", () => {
    const at = "2026-03-01T02:00:00.000Z";
    expect(queryReport({ count: 1, firstAt: at, viewers: 1, provinces: 0 }, false).verdict).toBe("FIRST");
    const repeated = queryReport({ count: 2, firstAt: at, viewers: 2, provinces: 1 }, false);
    expect(repeated).toMatchObject({ verdict: "REPEATED", warning: null });
    expect(repeated.text).toContain("已被查询 2 次，首次查询于 2026-03-01 10:00");
    expect(queryReport({ count: 3, firstAt: at, viewers: 3, provinces: 0 }, false).verdict).toBe("SUSPICIOUS");
    expect(queryReport({ count: 2, firstAt: at, viewers: 2, provinces: 2 }, false).verdict).toBe("SUSPICIOUS");
    expect(queryReport({ count: 6, firstAt: at, viewers: 1, provinces: 1 }, false).verdict).toBe("SUSPICIOUS");
    expect(queryReport({ count: 50, firstAt: at, viewers: 40, provinces: 9 }, true)).toMatchObject({
      verdict: "REPEATED",
      warning: null,
    });
  });
});

describe("after-sales helpers", () => {
  it("keeps a phone number only as a keyed hash and its last four digits", () => {
    const a = protectPhone(SECRET, "138 0013 8000", "phone");
    expect(a).toEqual({ hash: expect.any(String), last4: "8000" });
    expect(a.hash).not.toContain("13800138000");
    expect(protectPhone(SECRET, "+86 138-0013-8000", "phone")).toEqual(a);
    expect(protectPhone("another-secret-0123456789abcdefghijk", "13800138000", "phone").hash).not.toBe(a.hash);
  });

  it("refuses a number that is not a mobile number without repeating it", () => {
    expect(() => protectPhone(SECRET, "0757-22334455", "phone")).toThrowError(/11-digit mobile number/);
    try {
      protectPhone(SECRET, "1380013800", "phone");
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain("1380013800");
      expect((error as Error).message).not.toContain("1380013800");
    }
  });

  it("ends a warranty on the same day months later, or the month's last day", () => {
    expect(warrantyEnd("2026-03-10", 24)).toBe("2028-03-10");
    expect(warrantyEnd("2026-01-31", 1)).toBe("2026-02-28");
    expect(warrantyEnd("2027-11-30", 3)).toBe("2028-02-29");
    expect(warrantyEnd("2026-03-10", 0)).toBe("2026-03-10");
  });
});
