import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTraceCode, issuerPrefix } from "../../../src/codes/index.js";
import type { ConsumerView } from "../../../src/consumer/consumer-view.js";
import type { App } from "../../../src/server/app.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { makeBatch, markRecalled, recordScan, startHttpApp, type MadeBatch } from "./http-fixtures.js";

const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

/** A phone's browser: a script's default agent (Node's `node`) is not counted as a consumer query. */
const BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";

async function page(base: string, path: string, accept = "text/html") {
  const res = await fetch(`${base}${path}`, { headers: { accept, "user-agent": BROWSER } });
  return { res, body: await res.text() };
}

async function json(base: string, path: string) {
  const { res, body } = await page(base, path, "application/json");
  return { res, view: JSON.parse(body) as ConsumerView & { error?: { code: string; message: string } } };
}

describe("consumer page GET /t/{code}", () => {
  const suffix = uniqueSuffix();
  let app: App;
  let base: string;
  let released: MadeBatch;
  let draft: MadeBatch;

  beforeAll(async () => {
    ({ app, base } = await startHttpApp());
    released = await makeBatch({
      suffix,
      makerName: `粤缆电线电缆 ${suffix} ${XSS}`,
      name: `聚氯乙烯绝缘电缆${XSS}`,
      count: 3,
      release: true,
    });
    draft = await makeBatch({ suffix: `${suffix}d`, count: 1 });
    await recordScan(released.codes[0]!, "440305", "2026-03-01T02:00:00Z");
    await recordScan(released.codes[0]!, "110105", "2026-03-02T02:00:00Z");
    await recordScan(released.codes[0]!, "440305", "2026-03-03T02:00:00Z");
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  it("shows the basic trace info, the code's status and where it was scanned, in Chinese", async () => {
    const { res, body } = await page(base, `/t/${released.codes[0]}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8/);
    expect(body).toContain('<html lang="zh-CN">');
    for (const text of [
      `粤缆电线电缆 ${suffix}`,
      "BV 450/750V 2.5mm²",
      `L${suffix}`,
      "2026-01-15",
      "GB/T 5023.3-2008",
      "执行标准",
      "合格",
      "XK06-001-00123",
      "2020010105123456",
      "正常（已激活）",
      released.codes[0]!,
      "广东省（440305）",
      "北京市（110105）",
      // Three consumer scans and this view.
      "共 4 次",
      "已被查询 4 次",
    ]) {
      expect(body).toContain(text);
    }
    // Queried in two provinces, one item code: the consumer is warned.
    expect(body).toContain("请注意辨别真伪");
  });

  it("escapes every stored value, so markup in a product or producer name is shown, never run", async () => {
    const { res, body } = await page(base, `/t/${released.codes[0]}`);
    expect(body).not.toContain("<script>");
    expect(body).not.toContain("<img");
    expect(body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("loads nothing from elsewhere: inline CSS only, no scripts, no external links", async () => {
    const { body } = await page(base, `/t/${released.codes[1]}`);
    expect(body).toContain("<style>");
    expect(body).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    // A link may only dial the maker's service phone (tel:), never load or open anything.
    expect(body).not.toMatch(/\b(src|href)\s*=\s*["'](?!tel:)/i);
    expect(body).not.toMatch(/url\(/);
  });

  it("answers Accept: application/json with the same content as data", async () => {
    const { res, view } = await json(base, `/t/${released.codes[0]}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("vary")).toMatch(/Accept/i);
    expect(view).toMatchObject({
      key: released.codes[0],
      kind: "ITEM",
      code: { status: "ACTIVE", codeType: "ITEM", mode: "PER_ITEM" },
      producer: { id: released.maker, name: `粤缆电线电缆 ${suffix} ${XSS}` },
      product: { name: `聚氯乙烯绝缘电缆${XSS}`, model: "BV 450/750V 2.5mm²", standardNo: "GB/T 5023.3-2008" },
      batch: {
        batchNo: `L${suffix}`,
        productionDate: "2026-01-15",
        inspectionResult: "合格",
        licenceNo: "XK06-001-00123",
        cccCertNo: "2020010105123456",
        status: "RELEASED",
      },
      recall: null,
      // The three scans and the first test's view of the page (this view is the same browser's, within 10 minutes).
      scans: { total: 4, first: "2026-03-01T02:00:00.000Z" },
      queries: { count: 4, firstAt: "2026-03-01T02:00:00.000Z", verdict: "SUSPICIOUS" },
    });
    expect(view.scans.regions).toEqual([
      expect.objectContaining({ regionCode: "440305", scans: 2 }),
      expect.objectContaining({ regionCode: "110105", scans: 1 }),
      expect.objectContaining({ regionCode: null, regionName: "未知地区", scans: 1 }),
    ]);
  });

  it("records a page view as one consumer query per browser in 10 minutes, HTML or JSON alike", async () => {
    const code = released.codes[2]!;
    for (let i = 0; i < 3; i++) await page(base, `/t/${code}`);
    const { view } = await json(base, `/t/${code}`);
    expect(view.scans.total).toBe(1);
    expect(view.queries).toMatchObject({ count: 1, verdict: "FIRST" });
    const { body } = await page(base, `/t/${code}`);
    expect(body).toContain("首次查询");
  });

  it("resolves every accepted spelling of the code: lower case, no separators", async () => {
    const code = released.codes[1]!;
    const { res, view } = await json(base, `/t/${code.toLowerCase().replace(/-/g, "")}`);
    expect(res.status).toBe(200);
    expect(view.key).toBe(code);
  });

  it("warns that a code of an unreleased batch is not active yet", async () => {
    const { view } = await json(base, `/t/${draft.codes[0]}`);
    expect(view.code?.status).toBe("GENERATED");
    expect(view.hints[0]).toMatchObject({ level: "warning", text: expect.stringContaining("尚未激活") });
  });

  it("shows a recall notice when the batch is recalled", async () => {
    const recalled = await makeBatch({ suffix: `${suffix}r`, count: 1, release: true });
    await markRecalled(recalled.batch.id, "绝缘层厚度不合格");
    const { body } = await page(base, `/t/${recalled.codes[0]}`);
    expect(body).toContain("召回通知");
    expect(body).toContain("绝缘层厚度不合格");
    const { view } = await json(base, `/t/${recalled.codes[0]}`);
    expect(view.recall).toMatchObject({ reason: "绝缘层厚度不合格" });
    expect(view.batch?.status).toBe("RECALLED");
  });

  it("never shows a recalled code as valid: the badge and the JSON say recalled, not 正常", async () => {
    const recalled = await makeBatch({ suffix: `${suffix}g`, count: 1, release: true });
    await markRecalled(recalled.batch.id, "燃烧工况不合格");
    const { body } = await page(base, `/t/${recalled.codes[0]}`);
    expect(body).not.toContain("正常（已激活）");
    expect(body).toContain('class="badge RECALLED"');
    const { view } = await json(base, `/t/${recalled.codes[0]}`);
    expect(view.verdict).toMatchObject({ status: "RECALLED" });
    expect(view.code?.statusText).not.toContain("正常");
  });

  it("answers an unknown but well-formed code with a 404 page in Chinese and English", async () => {
    const unknown = generateTraceCode("ITEM", issuerPrefix(`uscc:nobody-${suffix}`));
    const { res, body } = await page(base, `/t/${unknown}`);
    expect(res.status).toBe(404);
    expect(body).toContain("未找到该追溯码");
    expect(body).toContain("Code not found");
    const { res: jsonRes, view } = await json(base, `/t/${unknown}`);
    expect(jsonRes.status).toBe(404);
    expect(view.error?.code).toBe("NOT_FOUND");
  });

  it("answers a malformed code or a wrong check character with a 400 page naming the value", async () => {
    const code = released.codes[0]!;
    const typo = code.slice(0, 5) + (code[5] === "7" ? "8" : "7") + code.slice(6);
    for (const bad of [typo, "not-a-code", encodeURIComponent(`urn:epc:id:sgtin:0614141.107346.2017`)]) {
      const { res, body } = await page(base, `/t/${bad}`);
      expect(res.status).toBe(400);
      expect(body).toContain("追溯码格式错误");
      expect(body).toContain("Malformed code");
    }
    const { res, body } = await page(base, `/t/${encodeURIComponent(XSS)}`);
    expect(res.status).toBe(400);
    expect(body).not.toContain("<script>");
    const { view } = await json(base, `/t/${typo}`);
    expect(view.error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining(typo) });
  });
});
