import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { App } from "../../../src/server/app.js";
import { PT_PER_MM } from "../../../src/labels/label-qr.js";
import { gqlData } from "../../support/test-api.js";
import { authFetch } from "../../support/test-credentials.js";
import { uniqueSuffix } from "../../support/test-services.js";
import {
  CREATE_BATCH,
  ISSUE_CODES,
  LINK,
  REGISTER_PRODUCT,
  cableBatch,
  cableProduct,
  registerChain,
  type BatchData,
  type IssueData,
  type ProductData,
} from "../producer/producer-fixtures.js";
import { startHttpApp } from "./http-fixtures.js";
import { pdfText } from "./pdf-text.js";

/** Each page's size in points. */
async function pageSizes(data: Uint8Array): Promise<{ width: number; height: number }[]> {
  const doc = await getDocument({ data: data.slice(), useSystemFonts: false }).promise;
  const sizes: { width: number; height: number }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const [x0, y0, x1, y1] = (await doc.getPage(n)).view as [number, number, number, number];
    sizes.push({ width: x1 - x0, height: y1 - y0 });
  }
  await doc.destroy();
  return sizes;
}

describe("labels for thermal roll printers: GET /batches/{id}/labels.pdf?format=WxH&fields=…", () => {
  const suffix = uniqueSuffix();
  let app: App;
  let base: string;
  let batch: BatchData;
  let reels: string[];
  let segments: string[];

  const labelsUrl = (query: string) => `${base}/batches/${encodeURIComponent(batch.id)}/labels.pdf${query}`;
  const download = async (query: string) => {
    const res = await authFetch(labelsUrl(query));
    expect(res.status, query).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    return new Uint8Array(await res.arrayBuffer());
  };

  beforeAll(async () => {
    ({ app, base } = await startHttpApp());
    const orgs = await registerChain(suffix);
    const product = (
      await gqlData<{ registerProduct: ProductData }>(REGISTER_PRODUCT, {
        input: cableProduct(orgs.maker, "COMBINED", { id: `label-reel-${suffix}`, name: "交联聚乙烯绝缘电力电缆" }),
      })
    ).registerProduct;
    batch = (await gqlData<{ createBatch: BatchData }>(CREATE_BATCH, { input: cableBatch(product.id, `R${suffix}`) }))
      .createBatch;
    const issue = async (codeType: string, count: number) =>
      (
        await gqlData<{ issueCodes: IssueData }>(ISSUE_CODES, {
          input: { batchId: batch.id, count, codeType },
          first: 10,
        })
      ).issueCodes.codes.edges.map((e) => e.node.value);
    reels = await issue("MOTHER", 1);
    segments = await issue("SEGMENT", 2);
    await gqlData(LINK, {
      parent: reels[0],
      children: [
        { code: segments[0], segmentStart: 0, segmentEnd: 1000 },
        { code: segments[1], segmentStart: 1000, segmentEnd: 2500, unit: "米" },
      ],
      parentLength: 3000,
    });
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  it.each([
    ["40x30", 40, 30],
    ["50x30", 50, 30],
    ["60x40", 60, 40],
    ["100x70", 100, 70],
  ])("format=%s prints one label a page at the label's own size", async (format, width, height) => {
    const pdf = await download(`?format=${format}`);
    const sizes = await pageSizes(pdf);
    expect(sizes).toHaveLength(reels.length + segments.length);
    for (const size of sizes) {
      expect(size.width).toBeCloseTo(width * PT_PER_MM, 2);
      expect(size.height).toBeCloseTo(height * PT_PER_MM, 2);
    }
    // ?copies=N repeats each label N times, one page each.
    expect(await pageSizes(await download(`?format=${format}&copies=2`))).toHaveLength(2 * sizes.length);
  });

  it("prints the fields asked for: a segment's range, a mother code's length, the code types, date and maker", async () => {
    const { pages } = await pdfText(await download("?format=100x70&fields=qr,code,batch,date,maker,type,range"));
    const [reel, first, second] = [reels[0]!, segments[0]!, segments[1]!];
    const pageOf = (code: string) => pages.find((page) => page.includes(code)) ?? "";
    expect(pageOf(reel)).toContain("母码");
    expect(pageOf(reel)).toContain("全长 3000 m");
    expect(pageOf(first)).toContain("子码");
    expect(pageOf(first)).toContain("区段 0–1000 m");
    expect(pageOf(second)).toContain("区段 1000–2500 m"); // linkCodes stores 米 as m
    for (const page of pages) {
      expect(page).toContain(`批号 R${suffix}`);
      expect(page).toContain("生产日期 2026-01-15");
      expect(page).toContain("粤缆电线电缆");
      // Not asked for: the product's name and model.
      expect(page).not.toContain("交联聚乙烯");
      expect(page).not.toContain("型号");
    }
    // The A4 default is unchanged by the new parameters: sheets of 24.
    const sheet = await pageSizes(await download(""));
    expect(sheet).toEqual([{ width: expect.closeTo(595.28, 1), height: expect.closeTo(841.89, 1) }]);
  });

  it.each([
    ["?format=abc", "format"],
    ["?format=10x10", "format"],
    ["?format=20x20&fields=qr,code,name", "format"],
    ["?format=50x30&columns=2", "columns"],
    ["?fields=qr,colour", "fields"],
  ])("answers 400 for %s, naming %s", async (query, field) => {
    const res = await authFetch(labelsUrl(query));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining(field) });
  });
});
