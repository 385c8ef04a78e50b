import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { LABEL_FIELDS, defaultFields, type LabelContent, type LabelField } from "../../../src/labels/label-fields.js";
import { parseLabelFormat, type LabelFormat } from "../../../src/labels/label-format.js";
import { LABEL_PADDING_MM, SAMPLE_URL_BYTES } from "../../../src/labels/label-plan.js";
import { PT_PER_MM } from "../../../src/labels/label-qr.js";
import { crop, decodeQr, inkNearEdge, labelPdf, px, renderPages, type Raster } from "./label-render.js";

const product = {
  name: "交联聚乙烯绝缘电力电缆",
  model: "YJV22 8.7/15kV 3×95",
  batchNo: "L20261130-A07",
  productionDate: "2026-11-30",
  maker: "广东粤缆电线电缆有限公司",
};

/** A URL of exactly the length every label size is checked to have room for (qrRoom). */
function urlOfLength(bytes: number, code: string): string {
  const rest = `.example.cn/t/${code}`;
  return `https://${"trace".padEnd(bytes - "https://".length - rest.length, "x")}${rest}`;
}

/** One label of each kind a batch prints: item, segment with its range, mother with its length, the lot's GS1 key. */
const LABELS: LabelContent[] = [
  {
    ...product,
    url: "https://trace.example.cn/t/BRJD-W5RT-P0KW-YQTF",
    code: "BRJD-W5RT-P0KW-YQTF",
    codeType: "ITEM",
    range: "",
  },
  {
    ...product,
    url: "https://trace.example.cn/t/BRJD-S5RT-P0KW-YQT1",
    code: "BRJD-S5RT-P0KW-YQT1",
    codeType: "SEGMENT",
    range: "区段 1000–2500 米",
  },
  {
    ...product,
    url: "https://trace.example.cn/t/BRJD-M5RT-P0KW-YQT7",
    code: "BRJD-M5RT-P0KW-YQT7",
    codeType: "MOTHER",
    range: "全长 3000 m",
  },
  {
    ...product,
    url: "https://trace.example.cn/01/06901234567892/10/L20261130-A07",
    code: "(01) 06901234567892 (10) L20261130-A07",
    codeType: "BATCH",
    range: "",
  },
  {
    ...product,
    url: urlOfLength(SAMPLE_URL_BYTES, "BRJD-Z5RT-P0KW-YQT3"),
    code: "BRJD-Z5RT-P0KW-YQT3",
    codeType: "BUNDLE",
    range: "",
  },
];

const require = createRequire(import.meta.url);
/** pdf.js reads the metrics of the 14 standard PDF fonts (our Courier and Helvetica) from its own package. */
const STANDARD_FONTS = `${path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

const FORMATS = ["a4", "40x30", "50x30", "60x40", "100x70"] as const;
const A4_PT = { width: 210 * PT_PER_MM, height: 297 * PT_PER_MM };

/** Every page's size and text items (position and width in points, y from the bottom, as PDF has it). */
async function pdfPages(data: Uint8Array) {
  const doc = await getDocument({ data: data.slice(), standardFontDataUrl: STANDARD_FONTS, useSystemFonts: false })
    .promise;
  const pages: { width: number; height: number; items: { text: string; x: number; y: number; width: number }[] }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      "str" in item && item.str.trim() !== ""
        ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }]
        : [],
    );
    pages.push({ width: x1 - x0, height: y1 - y0, items });
  }
  await doc.destroy();
  return pages;
}

/** Each label's rectangle on its rendered page, in pixels at 203 dpi, in the order the labels were added. */
function labelSlots(
  format: LabelFormat,
  count: number,
): { page: number; x: number; y: number; w: number; h: number }[] {
  return Array.from({ length: count }, (_, index) => {
    if (format.kind === "roll") return { page: index, x: 0, y: 0, w: px(format.width), h: px(format.height) };
    const { layout } = format;
    const perPage = layout.columns * layout.rows;
    const slot = index % perPage;
    const column = slot % layout.columns;
    const row = Math.floor(slot / layout.columns);
    return {
      page: Math.floor(index / perPage),
      x: px(layout.marginLeft + column * (layout.labelWidth + layout.gapX)),
      y: px(layout.marginTop + row * (layout.labelHeight + layout.gapY)),
      w: px(layout.labelWidth),
      h: px(layout.labelHeight),
    };
  });
}

describe.each(FORMATS)("labels of format %s at 203 dpi", (name) => {
  const format = parseLabelFormat({ format: name });
  /** Every field leaves the QR symbol least room: rendered both ways; the defaults as `pdftoppm -r 203` gives. */
  const variants: [string, readonly LabelField[], readonly boolean[]][] = [
    ["its default fields", defaultFields(format.width, format.height), [false]],
    ["every field", LABEL_FIELDS, [false, true]],
  ];

  it.each(variants)(
    "with %s: pages of the label's size, text inside the label, every QR decodes",
    async (_v, fields, renders) => {
      const pdf = await labelPdf(format, fields, LABELS);
      const pages = await pdfPages(pdf);

      // A roll prints one label a page at the label's own size; sheets are A4.
      const size =
        format.kind === "roll" ? { width: format.width * PT_PER_MM, height: format.height * PT_PER_MM } : A4_PT;
      expect(pages).toHaveLength(format.kind === "roll" ? LABELS.length : 1);
      for (const page of pages) {
        expect(page.width).toBeCloseTo(size.width, 2);
        expect(page.height).toBeCloseTo(size.height, 2);
      }

      // Text never runs off a roll label, nor into its padding (pdf.js: the text items' own positions and widths).
      if (format.kind === "roll") {
        const pad = LABEL_PADDING_MM * PT_PER_MM - 0.01;
        for (const item of pages.flatMap((page) => page.items)) {
          expect(item.x, item.text).toBeGreaterThanOrEqual(pad);
          expect(item.x + item.width, item.text).toBeLessThanOrEqual(size.width - pad);
          expect(item.y, item.text).toBeGreaterThanOrEqual(pad);
          expect(item.y, item.text).toBeLessThanOrEqual(size.height - pad);
        }
        // Each label shows its code in full, never cut.
        pages.forEach((page, index) => {
          const text = page.items.map((item) => item.text).join(" ");
          for (const part of LABELS[index]!.code.split(" ")) expect(text).toContain(part);
        });
      }

      for (const mono of renders) {
        const rasters = await renderPages(pdf, mono);
        expect(rasters).toHaveLength(pages.length);
        const slots = labelSlots(format, LABELS.length);
        const decoded = slots.map((slot) => {
          const label: Raster = crop(rasters[slot.page]!, slot.x, slot.y, slot.w, slot.h);
          // Nothing printed within 1 mm of the label's edge: what a printer's registration may cut off.
          expect(inkNearEdge(label, px(1)), `ink near the edge (mono: ${mono})`).toBe(0);
          return decodeQr(label);
        });
        expect(decoded, `mono: ${mono}`).toEqual(LABELS.map((label) => label.url));
      }
    },
  );
});
