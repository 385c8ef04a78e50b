import PDFDocument from "pdfkit";
import type { LabelContent, LabelField } from "./label-fields.js";
import type { LabelFormat } from "./label-format.js";
import { labelsPerPage } from "./label-layout.js";
import { planLabel, type LabelPlan, type LineFont, type TextMetrics } from "./label-plan.js";
import { DOT_PT, PT_PER_MM } from "./label-qr.js";
import { qrPathOperators } from "./qr-vector.js";
import { splitRuns } from "./text-runs.js";

const CJK_FONT = "label-cjk";
const LATIN_FONT = "Helvetica";
/** Monospaced, so a code read aloud from the label keeps its groups of four visibly aligned. */
const CODE_FONT = "Courier-Bold";

/** Dark modules are drawn this share of a printer dot inside their edges (see QrSymbolOptions.inset). */
const QR_INSET_DOTS = 0.1;

const pt = (mm: number) => mm * PT_PER_MM;

/**
 * A PDF of labels written label by label: A4 sheets of label stock, or one page per label at the label's own size
 * for a thermal roll printer. PDFKit flushes each page when the next one starts (`bufferPages: false`), so memory
 * holds one page, the font and the object offsets, however many labels follow. The caller reads `doc` as a stream.
 */
export class LabelDocument {
  readonly doc: PDFKit.PDFDocument;
  private slot = 0;
  private count = 0;
  private readonly perPage: number;
  /** PDFKit's widths of the fonts the labels are set in. */
  readonly metrics: TextMetrics;
  /** Most labels of a batch share every text but the code: widths are measured once per text and size. */
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly format: LabelFormat,
    private readonly fields: readonly LabelField[],
    font: Buffer,
    title: string,
  ) {
    this.doc = new PDFDocument({
      margin: 0,
      autoFirstPage: false,
      bufferPages: false,
      info: { Title: title, Creator: "Tracegraph" },
    });
    this.doc.registerFont(CJK_FONT, font);
    this.perPage = format.kind === "sheet" ? labelsPerPage(format.layout) : 1;
    this.metrics = { width: (text, lineFont, size) => this.widthOf(text, lineFont, size) };
  }

  add(label: LabelContent): void {
    if (this.slot === 0) this.addPage();
    const { x, y } = this.origin(this.slot);
    this.draw(planLabel(this.format.width, this.format.height, this.fields, label, this.metrics), x, y);
    this.slot = (this.slot + 1) % this.perPage;
    this.count++;
  }

  /** Ends the document; a document without labels still gets one (empty) page, as a PDF needs one. */
  end(): void {
    if (this.count === 0) this.addPage();
    this.doc.end();
  }

  private addPage(): void {
    const size: PDFKit.PDFDocumentOptions["size"] =
      this.format.kind === "sheet" ? "A4" : [pt(this.format.width), pt(this.format.height)];
    this.doc.addPage({ size, margin: 0 });
  }

  /** Top-left corner of a slot on the page, in points. */
  private origin(slot: number): { x: number; y: number } {
    if (this.format.kind === "roll") return { x: 0, y: 0 };
    const layout = this.format.layout;
    const column = slot % layout.columns;
    const row = Math.floor(slot / layout.columns);
    return {
      x: pt(layout.marginLeft + column * (layout.labelWidth + layout.gapX)),
      y: pt(layout.marginTop + row * (layout.labelHeight + layout.gapY)),
    };
  }

  private draw(plan: LabelPlan, x: number, y: number): void {
    if (plan.qr) {
      const { text, spec } = plan.qr;
      this.doc.save().fillColor("black");
      this.doc.addContent(
        qrPathOperators(text, x + plan.qr.x, y + plan.qr.y, spec.sizePt, {
          errorCorrection: spec.errorCorrection,
          version: spec.version,
          inset: QR_INSET_DOTS * DOT_PT,
        }),
      );
      this.doc.restore();
    }
    for (const line of plan.lines) {
      let left = x + line.x;
      for (const run of line.font === "code" ? [{ text: line.text, font: CODE_FONT }] : this.runs(line.text)) {
        this.doc.font(run.font).fontSize(line.size);
        this.doc.text(run.text, left, y + line.baseline, { lineBreak: false, baseline: "alphabetic" });
        left += this.doc.widthOfString(run.text);
      }
    }
  }

  /** Chinese and Latin runs: Droid Sans Fallback has no Latin glyphs, the standard fonts no Chinese ones. */
  private runs(text: string): { text: string; font: string }[] {
    return splitRuns(text).map((run) => ({ text: run.text, font: run.cjk ? CJK_FONT : LATIN_FONT }));
  }

  private widthOf(text: string, font: LineFont, size: number): number {
    const cacheKey = `${font}|${text}`;
    let unit = this.widths.get(cacheKey);
    if (unit === undefined) {
      unit = 0;
      for (const run of font === "code" ? [{ text, font: CODE_FONT }] : this.runs(text)) {
        unit += this.doc.font(run.font).fontSize(1).widthOfString(run.text);
      }
      if (this.widths.size >= 4096) this.widths.clear();
      this.widths.set(cacheKey, unit);
    }
    return unit * size;
  }
}
