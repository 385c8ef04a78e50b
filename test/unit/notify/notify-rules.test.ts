import { describe, expect, it } from "vitest";
import { retryDelay } from "../../../src/notify/delivery.js";
import { compileSchedule, nextRun } from "../../../src/notify/query-schedule.js";
import { WebhookAllowList, isInsideAddress } from "../../../src/notify/webhook-destination.js";
import { gs1Signature } from "../../../src/notify/webhook-poster.js";
import { loadConfig } from "../../../src/root/config.js";

describe("webhook allow-list (WEBHOOK_ALLOWED_HOSTS)", () => {
  const list = new WebhookAllowList(["hooks.example.com", "*.partner.cn", "127.0.0.1"]);

  it("allows listed hosts and subdomains of a wildcard, nothing else", () => {
    expect(list.checkUrl("https://hooks.example.com/epcis").hostname).toBe("hooks.example.com");
    expect(list.checkUrl("https://a.b.partner.cn/x").hostname).toBe("a.b.partner.cn");
    expect(list.checkUrl("http://127.0.0.1:8080/x").hostname).toBe("127.0.0.1");
    for (const dest of ["https://partner.cn/x", "https://evil.com/x", "http://localhost/x", "file:///etc/passwd"]) {
      expect(() => list.checkUrl(dest), dest).toThrow(/dest/);
    }
    expect(() => list.checkUrl("https://user:pw@hooks.example.com/")).toThrow(/credentials/);
  });

  it("reaches a private or loopback address only when that address is listed", () => {
    expect(list.addressAllowed("93.184.216.34")).toBe(true);
    expect(list.addressAllowed("127.0.0.1")).toBe(true);
    expect(list.addressAllowed("127.0.0.2")).toBe(false);
    for (const inside of [
      "::ffff:10.0.0.1",
      "10.0.0.1",
      "192.168.1.1",
      "172.16.0.1",
      "169.254.169.254",
      "::1",
      "fd00::1",
      "fe80::1",
    ]) {
      expect(isInsideAddress(inside), inside).toBe(true);
      expect(list.addressAllowed(inside), inside).toBe(false);
    }
  });

  it("is read from the environment, and a bad entry stops the start", () => {
    expect(loadConfig({ WEBHOOK_ALLOWED_HOSTS: " Hooks.Example.com , 127.0.0.1" }).notify.allowedHosts).toEqual([
      "hooks.example.com",
      "127.0.0.1",
    ]);
    expect(loadConfig({}).notify.allowedHosts).toEqual([]);
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: "http://x/" })).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_MS: "20000", NOTIFY_LEASE_MS: "30000" })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });
});

describe("delivery rules", () => {
  it("retries after base, 2 x base, 4 x base ... up to the maximum", () => {
    const options = { retryBaseMs: 1000, retryMaxMs: 600_000 };
    expect([1, 2, 3, 4].map((n) => retryDelay(n, options))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(40, options)).toBe(600_000);
  });

  it("signs the body with HMAC-SHA256 of the signatureToken, base64 (GS1-Signature)", () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(gs1Signature("what do ya want for nothing?", "Jefe")).toBe(
      Buffer.from("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "hex").toString("base64"),
    );
  });
});

describe("query schedule (cron-style fields, UTC)", () => {
  const at = (iso: string) => Date.parse(iso);

  it("finds the next instant the fields name", () => {
    const everyQuarter = compileSchedule({ minute: "0,15,30,45" });
    expect(new Date(nextRun(everyQuarter, at("2026-01-01T10:07:12Z"))!).toISOString()).toBe("2026-01-01T10:15:00.000Z");
    const weekdaysAtNine = compileSchedule({ hour: "9", minute: "0", dayOfWeek: "[1-5]" });
    // 2026-01-03 is a Saturday: the next run is Monday the 5th.
    expect(new Date(nextRun(weekdaysAtNine, at("2026-01-02T09:00:00Z"))!).toISOString()).toBe(
      "2026-01-05T09:00:00.000Z",
    );
    const everyTenSeconds = compileSchedule({ second: "*/10" });
    expect(new Date(nextRun(everyTenSeconds, at("2026-01-01T00:00:10Z"))!).toISOString()).toBe(
      "2026-01-01T00:00:20.000Z",
    );
  });

  it("refuses fields it does not know and values out of range", () => {
    expect(() => compileSchedule({ minute: "61" })).toThrow(/schedule.minute/);
    expect(() => compileSchedule({ week: "1" })).toThrow(/schedule.week/);
    expect(() => compileSchedule("* * * * *")).toThrow(/schedule/);
  });
});
