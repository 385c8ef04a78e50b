import PDFDocument from "pdfkit";
import { LABEL_PADDING_MM, type LabelLayout, labelsPerPage, qrSizeMm } from "./label-layout.js";
import { qrPathOperators } from "./qr-vector.js";
import { splitRuns, type TextRun } from "./text-runs.js";

/** One label: the QR symbol of `url`, the code beneath it as printed, then the product's name and model. */
export interface LabelContent {
  url: string;
  code: string;
  name: string;
  model: string;
}

const PT_PER_MM = 72 / 25.4;
const CJK_FONT = "label-cjk";
const LATIN_FONT = "Helvetica";
/** Monospaced, so a code read aloud from the label keeps its groups of four visibly aligned. */
const CODE_FONT = "Courier-Bold";

/** Each text line: baseline below the QR box (mm), largest and smallest font size (pt). */
const CODE_LINE = { baseline: 2.9, size: 8, minSize: 4.5 } as const;
const NAME_LINE = { baseline: 5.9, size: 7 } as const;
const MODEL_LINE = { baseline: 8.7, size: 6.5 } as const;

const pt = (mm: number) => mm * PT_PER_MM;

/**
 * A PDF of A4 label sheets written label by label. PDFKit flushes each page when the next one starts
 * (`bufferPages: false`), so memory holds one page, the font and the object offsets, however many labels follow.
 * The caller reads `doc` as a stream.
 */
export class LabelSheet {
  readonly doc: PDFKit.PDFDocument;
  private slot = 0;
  private count = 0;
  /** Every label of a batch carries the same name and model: fit them once, not once per label. */
  private readonly fitted = new Map<string, TextRun[]>();
  private readonly perPage: number;
  private readonly qrSize: number;

  constructor(
    private readonly layout: LabelLayout,
    font: Buffer,
    title: string,
  ) {
    this.doc = new PDFDocument({
      size: "A4",
      margin: 0,
      autoFirstPage: false,
      bufferPages: false,
      info: { Title: title, Creator: "Tracegraph" },
    });
    this.doc.registerFont(CJK_FONT, font);
    this.perPage = labelsPerPage(layout);
    this.qrSize = pt(qrSizeMm(layout));
  }

  add(label: LabelContent): void {
    if (this.slot === 0) this.doc.addPage({ size: "A4", margin: 0 });
    const column = this.slot % this.layout.columns;
    const row = Math.floor(this.slot / this.layout.columns);
    const x = pt(this.layout.marginLeft + column * (this.layout.labelWidth + this.layout.gapX));
    const y = pt(this.layout.marginTop + row * (this.layout.labelHeight + this.layout.gapY));
    this.draw(label, x, y);
    this.slot = (this.slot + 1) % this.perPage;
    this.count++;
  }

  /** Ends the document; a sheet without labels still gets one (empty) page, as a PDF needs one. */
  end(): void {
    if (this.count === 0) this.doc.addPage({ size: "A4", margin: 0 });
    this.doc.end();
  }

  private draw(label: LabelContent, x: number, y: number): void {
    const width = pt(this.layout.labelWidth);
    const textWidth = width - 2 * pt(LABEL_PADDING_MM);
    const qrTop = y + pt(LABEL_PADDING_MM);
    this.doc.save().fillColor("black");
    this.doc.addContent(qrPathOperators(label.url, x + (width - this.qrSize) / 2, qrTop, this.qrSize));
    this.doc.restore();
    const textTop = qrTop + this.qrSize;
    const center = x + width / 2;
    this.codeLine(label.code, center, textTop + pt(CODE_LINE.baseline), textWidth);
    this.mixedLine(label.name, center, textTop + pt(NAME_LINE.baseline), textWidth, NAME_LINE.size);
    this.mixedLine(label.model, center, textTop + pt(MODEL_LINE.baseline), textWidth, MODEL_LINE.size);
  }

  /** The code is never truncated: it shrinks to fit, and only below the smallest size may it run wide. */
  private codeLine(code: string, center: number, baseline: number, maxWidth: number): void {
    this.doc.font(CODE_FONT).fontSize(CODE_LINE.size);
    const width = this.doc.widthOfString(code);
    const size = Math.max(CODE_LINE.minSize, Math.min(CODE_LINE.size, (CODE_LINE.size * maxWidth) / width));
    this.doc.fontSize(size);
    this.doc.text(code, center - this.doc.widthOfString(code) / 2, baseline, {
      lineBreak: false,
      baseline: "alphabetic",
    });
  }

  /** Chinese and Latin runs side by side, centred, cut with an ellipsis when wider than the label. */
  private mixedLine(text: string, center: number, baseline: number, maxWidth: number, size: number): void {
    const runs = this.fit(text, maxWidth, size);
    let x = center - runs.reduce((sum, run) => sum + this.widthOf(run, size), 0) / 2;
    for (const run of runs) {
      this.doc.font(run.cjk ? CJK_FONT : LATIN_FONT).fontSize(size);
      this.doc.text(run.text, x, baseline, { lineBreak: false, baseline: "alphabetic" });
      x += this.doc.widthOfString(run.text);
    }
  }

  private fit(text: string, maxWidth: number, size: number): TextRun[] {
    const cacheKey = `${size}|${maxWidth}|${text}`;
    let runs = this.fitted.get(cacheKey);
    if (!runs) {
      runs = fitRuns(splitRuns(text.replace(/\s+/g, " ").trim()), maxWidth, (run) => this.widthOf(run, size));
      if (this.fitted.size < 64) this.fitted.set(cacheKey, runs);
    }
    return runs;
  }

  private widthOf(run: TextRun, size: number): number {
    return this.doc
      .font(run.cjk ? CJK_FONT : LATIN_FONT)
      .fontSize(size)
      .widthOfString(run.text);
  }
}

/** The longest prefix of `runs` (by character) that fits in `maxWidth` with a trailing ellipsis, or all of them. */
export function fitRuns(runs: TextRun[], maxWidth: number, widthOf: (run: TextRun) => number): TextRun[] {
  const total = (list: TextRun[]) => list.reduce((sum, run) => sum + widthOf(run), 0);
  if (total(runs) <= maxWidth) return runs;
  const chars = runs.flatMap((run) => [...run.text].map((ch) => ({ text: ch, cjk: run.cjk })));
  for (let keep = chars.length - 1; keep >= 0; keep--) {
    const candidate = merge([...chars.slice(0, keep), { text: "…", cjk: false }]);
    if (total(candidate) <= maxWidth) return candidate;
  }
  return [];
}

function merge(chars: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const ch of chars) {
    const last = out.at(-1);
    if (last && last.cjk === ch.cjk) last.text += ch.text;
    else out.push({ ...ch });
  }
  return out;
}
