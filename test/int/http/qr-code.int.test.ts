import jsqr from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/server/app.js";
import type { Services } from "../../../src/root/services.js";
import { gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { makeBatch, randomGtin13, startHttpApp, type MadeBatch } from "./http-fixtures.js";

/** jsqr is CommonJS: its `export default` arrives as `.default` under NodeNext. */
const jsQR = jsqr.default;

const RESOLVE = `query($code: String!) { resolveCode(code: $code) { key kind } }`;

/** Decodes the QR symbol in a PNG the way a phone camera would read the printed label. */
function decodeQr(png: Buffer): string {
  const image = PNG.sync.read(png);
  const result = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!result) throw new Error("no QR symbol found in the PNG");
  return result.data;
}

describe("QR symbols GET /codes/{code}.png|.svg", () => {
  const suffix = uniqueSuffix();
  let app: App;
  let base: string;
  let services: Services;
  let items: MadeBatch;
  let gs1: MadeBatch;

  beforeAll(async () => {
    ({ app, base, services } = await startHttpApp());
    items = await makeBatch({ suffix, count: 2, release: true });
    gs1 = await makeBatch({ suffix: `${suffix}g`, count: 1, gtin: randomGtin13(), release: true });
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  /** The decoded URL's path on the host under test: our host is the one the QR points at. */
  const local = (url: string) => `${base}${new URL(url).pathname}`;

  it("lets a cache revalidate a symbol: the same ETag each time, and 304 when it still matches", async () => {
    const code = items.codes[0]!;
    const first = await fetch(`${base}/codes/${code}.svg`);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await fetch(`${base}/codes/${code}.svg`)).headers.get("etag")).toBe(etag);
    // As a browser cache revalidates (fetch would otherwise add "Cache-Control: no-cache", which forbids a 304).
    const revalidate = { "if-none-match": etag as string, "cache-control": "max-age=0" };
    const again = await fetch(`${base}/codes/${code}.svg`, { headers: revalidate });
    expect(again.status).toBe(304);
    const other = await fetch(`${base}/codes/${items.codes[1]!}.svg`, { headers: revalidate });
    expect(other.status).toBe(200);
  });

  it("draws a trace code's QR that decodes to {PUBLIC_BASE_URL}/t/{code}, resolved by resolveCode and /t/", async () => {
    const code = items.codes[0]!;
    const res = await fetch(`${base}/codes/${code}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const url = decodeQr(Buffer.from(await res.arrayBuffer()));
    expect(url).toBe(`${services.config.publicBaseUrl}/t/${code}`);

    const { resolveCode } = await gqlData<{ resolveCode: { key: string; kind: string } }>(RESOLVE, { code: url });
    expect(resolveCode).toEqual({ key: code, kind: "ITEM" });
    const page = await fetch(local(url), { headers: { accept: "application/json" } });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ key: code, kind: "ITEM", batch: { batchNo: `L${suffix}` } });
  });

  it("accepts any spelling of the code and draws the canonical URL", async () => {
    const code = items.codes[1]!;
    const res = await fetch(`${base}/codes/${code.toLowerCase().replace(/-/g, "")}.png`);
    expect(decodeQr(Buffer.from(await res.arrayBuffer()))).toBe(`${services.config.publicBaseUrl}/t/${code}`);
  });

  it("draws a PNG of the size asked for (?size=N pixels), still decoding; refuses a size out of range", async () => {
    const code = items.codes[0]!;
    const res = await fetch(`${base}/codes/${code}.png?size=600`);
    const png = Buffer.from(await res.arrayBuffer());
    expect(PNG.sync.read(png).width).toBe(600);
    expect(decodeQr(png)).toBe(`${services.config.publicBaseUrl}/t/${code}`);
    for (const size of ["10", "99999", "abc"]) {
      expect((await fetch(`${base}/codes/${code}.png?size=${size}`)).status).toBe(400);
    }
  });

  it("serves the same symbol as SVG", async () => {
    const res = await fetch(`${base}/codes/${items.codes[0]}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toMatch(/<svg[^>]*viewBox/);
    expect(svg).toContain("<path");
  });

  it("draws a GS1 key's QR as the Digital Link on our host, which resolves to the same key", async () => {
    const lotKey = gs1.batch.key;
    const path = lotKey.slice("https://id.gs1.org".length);
    for (const spelling of [`${base}/codes${path}.png`, `${base}/codes/${encodeURIComponent(lotKey)}.png`]) {
      const res = await fetch(spelling);
      expect(res.status).toBe(200);
      const url = decodeQr(Buffer.from(await res.arrayBuffer()));
      expect(url).toBe(`${services.config.publicBaseUrl}${path}`);
      const { resolveCode } = await gqlData<{ resolveCode: { key: string; kind: string } }>(RESOLVE, { code: url });
      expect(resolveCode).toEqual({ key: lotKey, kind: "LOT" });
      const page = await fetch(local(url), { headers: { accept: "application/json" } });
      expect(await page.json()).toMatchObject({ key: lotKey, kind: "LOT", batch: { batchNo: gs1.batch.batchNo } });
    }
  });

  it("rejects a malformed code with 400 and a message naming it", async () => {
    const code = items.codes[0]!;
    const typo = code.slice(0, 5) + (code[5] === "7" ? "8" : "7") + code.slice(6);
    for (const bad of [typo, "hello", "uscc:91350100M000100Y43"]) {
      const res = await fetch(`${base}/codes/${encodeURIComponent(bad)}.svg`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("BAD_USER_INPUT");
      expect(body.error.message).toContain(bad);
    }
  });

  it("answers 404 for a format it does not draw", async () => {
    const res = await fetch(`${base}/codes/${items.codes[0]}.gif`);
    expect(res.status).toBe(404);
  });
});
