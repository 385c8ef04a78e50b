import { describe, expect, it } from "vitest";
import { LabelDocument } from "../../../src/labels/label-document.js";
import { LABEL_FIELDS, type LabelContent, type LabelField } from "../../../src/labels/label-fields.js";
import { ROLL_FORMATS, parseLabelFormat } from "../../../src/labels/label-format.js";
import { labelFontPath, loadLabelFont } from "../../../src/labels/label-font.js";
import {
  LABEL_PADDING_MM,
  SAMPLE_URL_BYTES,
  planLabel,
  qrRoom,
  type TextMetrics,
} from "../../../src/labels/label-plan.js";
import {
  DOT_PT,
  ERROR_CORRECTIONS,
  GOOD_DOTS,
  MAX_DOTS,
  MIN_DOTS,
  PT_PER_MM,
  byteModeVersion,
  chooseQr,
  modulesWithQuietZone,
  type ErrorCorrection,
} from "../../../src/labels/label-qr.js";

const LONG: LabelContent = {
  url: `https://${"t".repeat(SAMPLE_URL_BYTES - 35)}.cn/t/BRJD-W5RT-P0KW-YQTF`,
  code: "(01) 06901234567892 (10) L20261130-A07-EXTRA",
  name: "交联聚乙烯绝缘聚氯乙烯护套钢带铠装电力电缆 YJV22 型（阻燃 A 类）",
  model: "ZC-YJV22 8.7/15kV 3×95+1×50mm² Cu/XLPE/STA/PVC",
  batchNo: "L20261130-A07-LINE3-SHIFT2",
  productionDate: "2026-11-30",
  maker: "广东粤缆电线电缆股份有限公司东莞市第二分公司",
  codeType: "SEGMENT",
  range: "区段 12500.5–13750.25 米",
};

/** A glyph's extent around its baseline, in font sizes: generous for Droid Sans Fallback and the standard fonts. */
const ASCENT = 0.92;
const DESCENT = 0.24;

async function metrics(): Promise<TextMetrics> {
  const format = parseLabelFormat({ format: "50x30" });
  return new LabelDocument(format, LABEL_FIELDS, await loadLabelFont(labelFontPath()), "plan test").metrics;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  what: string;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function boxesOf(width: number, height: number, fields: readonly LabelField[], content: LabelContent, m: TextMetrics) {
  const plan = planLabel(width, height, fields, content, m);
  const lines: Box[] = plan.lines.map((line) => ({
    left: line.x,
    right: line.x + m.width(line.text, line.font, line.size),
    top: line.baseline - ASCENT * line.size,
    bottom: line.baseline + DESCENT * line.size,
    what: `${line.field} ${JSON.stringify(line.text)} at ${line.size.toFixed(1)} pt`,
  }));
  const qr: Box | null = plan.qr && {
    left: plan.qr.x,
    top: plan.qr.y,
    right: plan.qr.x + plan.qr.spec.sizePt,
    bottom: plan.qr.y + plan.qr.spec.sizePt,
    what: "QR symbol with its quiet zone",
  };
  return { plan, lines, qr };
}

describe("label plans: everything inside the label, nothing over the QR symbol's quiet zone", () => {
  const sizes: [number, number][] = [];
  for (let width = 20; width <= 200; width += 15)
    for (let height = 20; height <= 200; height += 15) sizes.push([width, height]);
  const fieldSets: LabelField[][] = [
    [...LABEL_FIELDS],
    ["qr", "code", "name", "batch"],
    ["qr", "name", "maker"],
    ["code", "name", "model", "batch", "date"],
    ["qr"],
  ];

  it(`holds for ${sizes.length} sizes from 20 × 20 to 200 × 200 mm, long texts and a long code`, async () => {
    const m = await metrics();
    for (const [width, height] of sizes) {
      for (const fields of fieldSets) {
        const { plan, lines, qr } = boxesOf(width, height, fields, LONG, m);
        const at = `${width}x${height} [${fields.join(",")}]`;
        const pad = LABEL_PADDING_MM * PT_PER_MM - 1e-6;
        const inner: Box = {
          left: pad,
          top: pad,
          right: width * PT_PER_MM - pad,
          bottom: height * PT_PER_MM - pad,
          what: "label less padding",
        };
        for (const box of qr ? [...lines, qr] : lines) {
          expect(box.left, `${at}: ${box.what}`).toBeGreaterThanOrEqual(inner.left);
          expect(box.top, `${at}: ${box.what}`).toBeGreaterThanOrEqual(inner.top);
          expect(box.right, `${at}: ${box.what}`).toBeLessThanOrEqual(inner.right);
          expect(box.bottom, `${at}: ${box.what}`).toBeLessThanOrEqual(inner.bottom);
        }
        lines.forEach((line, index) => {
          if (qr) expect(overlaps(line, qr), `${at}: ${line.what} over the QR symbol`).toBe(false);
          for (const other of lines.slice(index + 1)) {
            expect(overlaps(line, other), `${at}: ${line.what} over ${other.what}`).toBe(false);
          }
        });
        // The code is never cut: its lines put together are the whole code.
        const code = plan.lines.filter((line) => line.field === "code").map((line) => line.text);
        if (fields.includes("code")) expect([code.join(" "), code.join("")], at).toContain(LONG.code);
        // With room for the QR symbol (qrRoom), it prints at whole dots of at least MIN_DOTS, on the dot grid.
        if (qrRoom(width, height, fields)) {
          expect(plan.qr!.spec.dots, at).toBeGreaterThanOrEqual(MIN_DOTS);
          expect(Number.isInteger(plan.qr!.spec.dots), at).toBe(true);
          expect(plan.qr!.x / DOT_PT, at).toBeCloseTo(Math.round(plan.qr!.x / DOT_PT), 6);
          expect(plan.qr!.y / DOT_PT, at).toBeCloseTo(Math.round(plan.qr!.y / DOT_PT), 6);
        }
      }
    }
  });

  it("drops the lowest-priority fields first when a small label has no room for them all", async () => {
    const m = await metrics();
    const textFields = (width: number, height: number) => [
      ...new Set(
        planLabel(width, height, LABEL_FIELDS, LONG, m)
          .lines.map((line) => line.field)
          .filter((field) => field !== "code"),
      ),
    ];
    const small = textFields(32, 20);
    expect(small.length).toBeGreaterThan(0);
    expect(small.length).toBeLessThan(LABEL_FIELDS.length - 2);
    // What is left is the highest-priority fields, in order.
    expect(small).toEqual(LABEL_FIELDS.filter((field) => field !== "qr" && field !== "code").slice(0, small.length));
    expect(textFields(100, 70)).toEqual(LABEL_FIELDS.filter((field) => field !== "qr" && field !== "code"));
  });
});

describe("QR symbols for a 203-dpi printer", () => {
  const url = "https://trace.example.cn/t/BRJD-W5RT-P0KW-YQTF";
  /** The levels chooseQr picks from, strongest first. */
  const levels = ERROR_CORRECTIONS;
  /** Whole dots a module of `level` gets in a square of `side` dots. */
  const dotsAt = (level: ErrorCorrection, side: number) =>
    Math.floor(side / modulesWithQuietZone(byteModeVersion(Buffer.byteLength(url), level)));

  it("gives every common roll size, with every field, modules of at least three whole dots", async () => {
    const m = await metrics();
    for (const name of ROLL_FORMATS) {
      const { width, height } = parseLabelFormat({ format: name });
      expect(planLabel(width, height, LABEL_FIELDS, { ...LONG, url }, m).qr!.spec.dots, name).toBeGreaterThanOrEqual(
        GOOD_DOTS,
      );
    }
  });

  it("takes the strongest correction with three-dot modules, else the largest modules, never under two dots", () => {
    for (let side = 50; side <= 600; side++) {
      const spec = chooseQr(url, side * DOT_PT);
      const best = Math.max(...levels.map((level) => dotsAt(level, side)));
      if (best < MIN_DOTS) {
        expect(spec, `${side} dots`).toBeNull();
        continue;
      }
      expect(spec!.sizePt).toBeLessThanOrEqual(side * DOT_PT + 1e-9);
      expect(spec!.dots).toBe(Math.min(MAX_DOTS, dotsAt(spec!.errorCorrection, side)));
      const stronger = levels.slice(0, levels.indexOf(spec!.errorCorrection));
      if (spec!.dots >= GOOD_DOTS) {
        for (const level of stronger) expect(dotsAt(level, side), `${side} dots, ${level}`).toBeLessThan(GOOD_DOTS);
      } else {
        expect(spec!.dots, `${side} dots`).toBe(best);
        for (const level of stronger) expect(dotsAt(level, side), `${side} dots, ${level}`).toBeLessThan(best);
      }
    }
    expect(chooseQr(url, 10_000)).toMatchObject({ errorCorrection: "Q", dots: MAX_DOTS });
  });
});
