import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gs1CheckDigit } from "../../../src/codes/index.js";
import type { ConsumerView } from "../../../src/consumer/consumer-view.js";
import type { App } from "../../../src/server/app.js";
import { gqlData } from "../../support/test-api.js";
import { uniqueSuffix } from "../../support/test-services.js";
import { makeBatch, randomGtin13, startHttpApp, type MadeBatch } from "./http-fixtures.js";

const CAPTURE = `mutation($doc: JSONObject!) { captureEpcis(document: $doc) { accepted errors { message } } }`;
const RESOLVE = `query($code: String!) { resolveCode(code: $code) { key kind } }`;

/** Company prefix + item reference unique to this run, and the GTIN-14 they make (indicator digit first). */
function runGtin() {
  const cp = "0614141";
  const ir = `1${String(randomInt(100_000)).padStart(5, "0")}`;
  const body = `${ir[0]}${cp}${ir.slice(1)}`;
  return { cp, ir, gtin14: body + gs1CheckDigit(body) };
}

function commissioning(eventId: string, epc: string, lot: string): Record<string, unknown> {
  return {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-05-01T00:00:00Z",
    epcisBody: {
      eventList: [
        {
          type: "ObjectEvent",
          eventID: eventId,
          eventTime: "2026-05-01T08:00:00+08:00",
          eventTimeZoneOffset: "+08:00",
          epcList: [epc],
          action: "ADD",
          bizStep: "commissioning",
          ilmd: { "cbvmda:lotNumber": lot },
        },
      ],
    },
  };
}

async function view(base: string, path: string): Promise<{ status: number; view: ConsumerView }> {
  const res = await fetch(`${base}${path}`, { headers: { accept: "application/json" } });
  return { status: res.status, view: (await res.json()) as ConsumerView };
}

describe("our host as a minimal GS1 resolver: Digital Link paths", () => {
  const suffix = uniqueSuffix();
  const { cp, ir, gtin14 } = runGtin();
  const lot = `LOT${suffix.slice(0, 8)}`;
  let app: App;
  let base: string;
  let producerBatch: MadeBatch;

  beforeAll(async () => {
    ({ app, base } = await startHttpApp());
    const viaUrn = commissioning(`urn:uuid:${crypto.randomUUID()}`, `urn:epc:id:sgtin:${cp}.${ir}.U${suffix}`, lot);
    const viaLink = commissioning(
      `urn:uuid:${crypto.randomUUID()}`,
      `https://brand.example.cn/01/${gtin14}/21/D${suffix}`,
      lot,
    );
    const slash = commissioning(`urn:uuid:${crypto.randomUUID()}`, `urn:epc:id:sgtin:${cp}.${ir}.A%2FB${suffix}`, lot);
    for (const doc of [viaUrn, viaLink, slash]) {
      const { captureEpcis } = await gqlData<{ captureEpcis: { accepted: number; errors: unknown[] } }>(CAPTURE, {
        doc,
      });
      expect(captureEpcis).toEqual({ accepted: 1, errors: [] });
    }
    producerBatch = await makeBatch({ suffix: `${suffix}p`, count: 1, gtin: randomGtin13(), release: true });
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  it("resolves an item captured under its EPC URN from its Digital Link path on our host", async () => {
    const { status, view: item } = await view(base, `/01/${gtin14}/21/U${suffix}`);
    expect(status).toBe(200);
    expect(item).toMatchObject({
      key: `https://id.gs1.org/01/${gtin14}/21/U${suffix}`,
      kind: "ITEM",
      printedCode: `(01) ${gtin14} (21) U${suffix}`,
      batch: { batchNo: lot },
      code: null,
    });
    const html = await (await fetch(`${base}/01/${gtin14}/21/U${suffix}`)).text();
    expect(html).toContain(`(01) ${gtin14} (21) U${suffix}`);
    expect(html).toContain(lot);
  });

  it("resolves an item captured under a Digital Link on another host from its URN and from our path", async () => {
    const key = `https://id.gs1.org/01/${gtin14}/21/D${suffix}`;
    const { resolveCode } = await gqlData<{ resolveCode: { key: string; kind: string } }>(RESOLVE, {
      code: `urn:epc:id:sgtin:${cp}.${ir}.D${suffix}`,
    });
    expect(resolveCode).toEqual({ key, kind: "ITEM" });
    const { status, view: item } = await view(base, `/01/${gtin14}/21/D${suffix}`);
    expect(status).toBe(200);
    expect(item.key).toBe(key);
  });

  it("keeps a percent-encoded slash inside one serial", async () => {
    const { status, view: item } = await view(base, `/01/${gtin14}/21/A%2FB${suffix}`);
    expect(status).toBe(200);
    expect(item.key).toBe(`https://id.gs1.org/01/${gtin14}/21/A%2FB${suffix}`);
    expect(item.printedCode).toBe(`(01) ${gtin14} (21) A/B${suffix}`);
  });

  it("resolves the lot from ILMD at /01/{gtin}/10/{lot}, and an item under lot + serial", async () => {
    const { status, view: lotView } = await view(base, `/01/${gtin14}/10/${lot}`);
    expect(status).toBe(200);
    expect(lotView).toMatchObject({
      kind: "LOT",
      key: `https://id.gs1.org/01/${gtin14}/10/${lot}`,
      batch: { batchNo: lot },
    });
    const both = await view(base, `/01/${gtin14}/10/${lot}/21/U${suffix}`);
    expect(both.view.key).toBe(`https://id.gs1.org/01/${gtin14}/21/U${suffix}`);
  });

  it("resolves a registered product class at /01/{gtin}, GTIN-13 or GTIN-14", async () => {
    const gtin = producerBatch.product.gtin!;
    for (const spelling of [gtin, gtin.padStart(14, "0")]) {
      const { status, view: product } = await view(base, `/01/${spelling}`);
      expect(status).toBe(200);
      expect(product).toMatchObject({
        kind: "PRODUCT",
        key: producerBatch.product.key,
        product: { name: "聚氯乙烯绝缘电缆" },
      });
    }
  });

  it("resolves a producer's GS1 lot with its batch info", async () => {
    const path = producerBatch.batch.key.slice("https://id.gs1.org".length);
    const { status, view: batch } = await view(base, path);
    expect(status).toBe(200);
    expect(batch).toMatchObject({
      kind: "LOT",
      producer: { id: producerBatch.maker },
      batch: { batchNo: producerBatch.batch.batchNo, inspectionResult: "合格", status: "RELEASED" },
    });
  });

  it("answers 404 for an unknown object and 400 for a wrong check digit", async () => {
    expect((await fetch(`${base}/01/${gtin14}/21/NOPE${suffix}`)).status).toBe(404);
    const wrong = gtin14.slice(0, 13) + String((Number(gtin14[13]) + 1) % 10);
    const res = await fetch(`${base}/01/${wrong}/21/U${suffix}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("追溯码格式错误");
  });
});
