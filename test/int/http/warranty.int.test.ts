import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumerView } from "../../../src/consumer/consumer-view.js";
import { loadConfig } from "../../../src/root/config.js";
import { createApplication } from "../../../src/root/composition-root.js";
import { createApp, type App } from "../../../src/server/app.js";
import { ROUTES } from "../../../src/server/routes.js";
import { buildAppSchema } from "../../../src/server/schema.js";
import { gqlData } from "../../support/test-api.js";
import { uniqueSuffix, type TestServices } from "../../support/test-services.js";
import { makeBatch, startHttpApp, type MadeBatch } from "./http-fixtures.js";

/**
 * Issue 15 item 3: a consumer registers the warranty of the product in hand from its page (a form post, or JSON);
 * the phone number is kept only as a keyed hash and its last four digits, never in clear in the graph or the logs.
 */

const BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";
const SET_WARRANTY = `mutation($productId: ID!, $months: Int) {
  setProductWarranty(productId: $productId, warrantyMonths: $months) { id }
}`;

/** Digits of the phone numbers this file registers: none may be found anywhere in the graph or the logs. */
const PHONES = ["13800138000", "13912345678", "15011112222", "18600001111"];

async function register(base: string, code: string, body: Record<string, string>, form = false) {
  const res = await fetch(`${base}/t/${code}/warranty`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "user-agent": BROWSER,
      "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
      accept: form ? "text/html" : "application/json",
    },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return { res, text: await res.text() };
}

async function view(base: string, code: string): Promise<ConsumerView> {
  const res = await fetch(`${base}/t/${code}`, { headers: { accept: "application/json", "user-agent": BROWSER } });
  return (await res.json()) as ConsumerView;
}

describe("warranty registration from the consumer page (issue 15 item 3)", () => {
  const suffix = uniqueSuffix();
  let app: App;
  let base: string;
  let services: TestServices;
  let made: MadeBatch;
  let draft: MadeBatch;

  beforeAll(async () => {
    ({ app, base, services } = await startHttpApp());
    made = await makeBatch({ suffix, count: 5, release: true });
    draft = await makeBatch({ suffix: `${suffix}d`, count: 1 });
    await gqlData(SET_WARRANTY, { productId: made.product.id, months: 12 });
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  it("offers the form on an active item's page", async () => {
    const body = await (await fetch(`${base}/t/${made.codes[0]}`, { headers: { "user-agent": BROWSER } })).text();
    expect(body).toContain(`<form method="post" action="/t/${made.codes[0]}/warranty">`);
    expect(body).toContain("登记保修");
  });

  it("registers by JSON, answers the same registration to the same phone, and refuses another phone", async () => {
    const code = made.codes[0]!;
    const body = { purchaseDate: "2026-02-01", regionCode: "440305", phone: "138 0013 8000" };
    const first = await register(base, code, body);
    expect(first.res.status).toBe(201);
    expect(JSON.parse(first.text)).toEqual({
      warranty: {
        code,
        purchaseDate: "2026-02-01",
        regionCode: "440305",
        phoneLast4: "8000",
        registeredAt: expect.any(String),
        validUntil: "2027-02-01",
        duplicate: false,
      },
    });
    const again = await register(base, code, { ...body, phone: "+86 13800138000" });
    expect(again.res.status).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ warranty: { duplicate: true, phoneLast4: "8000" } });
    const other = await register(base, code, { ...body, phone: "13912345678" });
    expect(other.res.status).toBe(409);
    expect(JSON.parse(other.text)).toMatchObject({ error: { code: "CONFLICT" } });
    expect(other.text).not.toContain("13912345678");
  });

  it("shows the warranty status on the page once registered, and no longer the form", async () => {
    const v = await view(base, made.codes[0]!);
    expect(v.warranty).toMatchObject({
      open: false,
      months: 12,
      registration: { purchaseDate: "2026-02-01", validUntil: "2027-02-01", phoneLast4: "8000" },
    });
    const body = await (await fetch(`${base}/t/${made.codes[0]}`, { headers: { "user-agent": BROWSER } })).text();
    for (const text of ["已登记保修", "购买日期", "2026-02-01", "保修至", "2027-02-01", "尾号 8000"]) {
      expect(body).toContain(text);
    }
    expect(body).not.toContain("<form");
  });

  it("registers from the page's form and redirects back to the page", async () => {
    const code = made.codes[1]!;
    const { res } = await register(
      base,
      code,
      { purchaseDate: "2026-03-05", regionCode: "", phone: "15011112222" },
      true,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/t/${code}#warranty`);
    expect((await view(base, code)).warranty.registration).toMatchObject({ phoneLast4: "2222", regionCode: null });
  });

  it("refuses bad input without ever repeating the phone number", async () => {
    const code = made.codes[2]!;
    const badPhone = await register(base, code, { purchaseDate: "2026-02-01", phone: "1860000111" });
    expect(badPhone.res.status).toBe(400);
    expect(JSON.parse(badPhone.text)).toMatchObject({ error: { code: "BAD_USER_INPUT", field: "phone" } });
    expect(badPhone.text).not.toContain("1860000111");
    const form = await register(base, code, { purchaseDate: "2026-02-01", phone: "1860000111" }, true);
    expect(form.res.status).toBe(400);
    expect(form.text).toContain("手机号码不正确");
    expect(form.text).not.toContain("1860000111");
    const future = await register(base, code, { purchaseDate: "2999-01-01", phone: "18600001111" });
    expect(JSON.parse(future.text)).toMatchObject({ error: { field: "purchaseDate", rule: "not in the future" } });
    const early = await register(base, code, { purchaseDate: "2025-12-31", phone: "18600001111" });
    expect(JSON.parse(early.text)).toMatchObject({ error: { field: "purchaseDate", rule: "after production" } });
    const region = await register(base, code, { purchaseDate: "2026-02-01", regionCode: "12", phone: "18600001111" });
    expect(JSON.parse(region.text)).toMatchObject({ error: { field: "regionCode", rule: "GB/T 2260" } });
  });

  it("registers only an item's own active code", async () => {
    const notReleased = await register(base, draft.codes[0]!, { purchaseDate: "2026-02-01", phone: "18600001111" });
    expect(notReleased.res.status).toBe(403);
    expect(JSON.parse(notReleased.text)).toMatchObject({ error: { code: "FORBIDDEN", rule: "registrable code" } });
  });

  it("stores no phone number in clear: every property of everything the registrations touched is searched", async () => {
    // Every node and relationship within three hops of this file's codes (the codes, their batch, product and maker,
    // scans, registrations, the other codes of the batch) and every warranty registration in the graph. The whole
    // graph of a full test run holds hundreds of thousands of nodes: too many to read back within a test's time.
    const [row] = await services.executor.read({
      name: "test.phoneInClear",
      cypher: `
CALL () {
  MATCH (o:Obj) WHERE o.key IN $codes
  MATCH path = (o)-[*0..3]-()
  UNWIND nodes(path) + relationships(path) AS e
  RETURN DISTINCT e
  UNION
  MATCH (e:WarrantyRegistration) RETURN e
}
UNWIND keys(e) AS k
WITH e[k] AS v
WITH CASE WHEN valueType(v) STARTS WITH "LIST" THEN [x IN v | toString(x)] ELSE [toString(v)] END AS texts
UNWIND texts AS text
WITH collect(text) AS texts
RETURN [p IN $needles | size([t IN texts WHERE t CONTAINS p])] AS hits, size(texts) AS searched`,
      params: { codes: made.codes, needles: [...PHONES, made.codes[0]!, "8000"] },
    });
    const hits = row?.hits as number[];
    expect(hits.slice(0, PHONES.length)).toEqual(PHONES.map(() => 0));
    // The search does find what is stored: the code registered, and a phone's last four digits.
    expect(hits[PHONES.length]).toBeGreaterThan(0);
    expect(hits[PHONES.length + 1]).toBeGreaterThan(0);
    expect(row?.searched).toBeGreaterThan(100);
    const stored = await services.executor.read({
      name: "test.warranty",
      cypher: `MATCH (w:WarrantyRegistration {objectKey: $key}) RETURN w {.*} AS w`,
      params: { key: made.codes[0] },
    });
    const w = stored[0]?.w as Record<string, unknown>;
    expect(w).toMatchObject({ phoneLast4: "8000", phoneHash: expect.any(String) });
    // Keyed: not a plain hash anyone could compute for every phone number.
    for (const encoding of ["hex", "base64url"] as const) {
      expect(w.phoneHash).not.toBe(createHash("sha256").update("13800138000").digest(encoding));
    }
  });

  it("writes no phone number into the logs, even at trace level with every statement's parameters", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = loadConfig({ ...process.env, LOG_LEVEL: "trace" });
    const application = createApplication({ config, logger: pino({ level: "trace" }, sink) });
    const logged = await createApp(application.services, await buildAppSchema(), application.readiness, {
      authenticator: await application.authenticator(),
      routes: ROUTES,
    });
    await new Promise<void>((resolve) => logged.httpServer.listen(0, "127.0.0.1", resolve));
    try {
      const loggedBase = `http://127.0.0.1:${(logged.httpServer.address() as AddressInfo).port}`;
      const ok = await register(loggedBase, made.codes[3]!, { purchaseDate: "2026-02-01", phone: "18600001111" });
      expect(ok.res.status).toBe(201);
      await register(loggedBase, made.codes[3]!, { purchaseDate: "2026-02-01", phone: "13912345678" });
      await register(loggedBase, made.codes[4]!, { purchaseDate: "2026-02-01", phone: "1391234567" }, true);
    } finally {
      await logged.apollo.stop();
      await application.close();
    }
    // The statements were logged with their parameters, and no phone number among them.
    expect(lines.some((line) => line.includes("afterSales.registerWarranty"))).toBe(true);
    for (const phone of [...PHONES, "1391234567"]) {
      expect(lines.filter((line) => line.includes(phone))).toEqual([]);
    }
  });
});
