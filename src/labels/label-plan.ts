import { fieldText, type LabelContent, type LabelField, type TextField } from "./label-fields.js";
import {
  DOT_PT,
  MIN_DOTS,
  PT_PER_MM,
  byteModeVersion,
  chooseQr,
  modulesWithQuietZone,
  type QrSpec,
} from "./label-qr.js";

/**
 * Where everything goes on one label, in points from the label's top-left corner. Pure: text widths come from
 * `TextMetrics` (PDFKit's font metrics when drawing), so the same plan can be checked without a PDF.
 *
 *   landscape labels               portrait or square labels
 *   ┌──────────────────────────┐   ┌────────────┐
 *   │ ┌─────┐ name             │   │  ┌──────┐  │
 *   │ │ QR  │ 型号 …           │   │  │  QR  │  │
 *   │ └─────┘ 批号 …           │   │  └──────┘  │
 *   │   BRJD-W5RT-P0KW-YQTF    │   │ name, 批号 │
 *   └──────────────────────────┘   │ BRJD-W5RT… │
 *                                  └────────────┘
 * Nothing is drawn outside the label less its padding: text shrinks to fit, a line still too wide is cut with an
 * ellipsis (the code itself is never cut: it breaks onto a second line), and the lowest-priority lines are dropped
 * when they do not fit at the smallest size. The QR symbol keeps its quiet zone clear of everything.
 */
export type LineFont = "code" | "text";

export interface TextMetrics {
  /** Width in points of `text` at `size` points: the code font (monospaced), or the text fonts (mixed runs). */
  width(text: string, font: LineFont, size: number): number;
}

export interface PlannedLine {
  field: LabelField;
  text: string;
  font: LineFont;
  size: number;
  /** Left end of the text and its baseline. */
  x: number;
  baseline: number;
}

export interface PlannedQr {
  text: string;
  /** Top-left corner of the symbol with its quiet zone, on the printer's dot grid. */
  x: number;
  y: number;
  spec: QrSpec;
}

export interface LabelPlan {
  qr: PlannedQr | null;
  lines: PlannedLine[];
}

/** Printers place a label to within about a millimetre: nothing is drawn closer to its edge than this. */
export const LABEL_PADDING_MM = 1.5;
/** Between the quiet zone and the text, and between blocks. */
const GAP_MM = 0.6;
/** Below this a 203-dpi thermal printer's text turns to blots. */
export const MIN_TEXT_PT = 5;
/** Distance between baselines, and where a baseline sits below its line's top, in font sizes. */
const LINE_PITCH = 1.28;
const ASCENT = 0.92;
const DESCENT = 0.24;
/** Step by which all text lines shrink together before a line is dropped. */
const SHRINK_STEPS = [1, 0.9, 0.8, 0.7, 0.6] as const;

const pt = (mm: number) => mm * PT_PER_MM;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** A label's text sizes grow with its height: 7.5 pt on a 30 mm label, 10 pt on 40 mm, 14 pt from 56 mm up. */
function textBaseSize(heightMm: number): number {
  return clamp(heightMm / 4, 6.5, 14);
}

function codeMaxSize(heightMm: number): number {
  return clamp(heightMm * 0.27, 7, 16);
}

export function planLabel(
  widthMm: number,
  heightMm: number,
  fields: readonly LabelField[],
  content: LabelContent,
  metrics: TextMetrics,
): LabelPlan {
  const width = pt(widthMm);
  const height = pt(heightMm);
  const pad = pt(LABEL_PADDING_MM);
  const gap = pt(GAP_MM);
  const innerWidth = width - 2 * pad;

  const code = fields.includes("code") ? fitCode(content.code, innerWidth, codeMaxSize(heightMm), metrics) : null;
  const codeHeight = code ? code.lines.length * code.size * LINE_PITCH - (LINE_PITCH - 1 - DESCENT) * code.size : 0;
  const areaTop = snapUp(pad);
  const areaBottom = height - pad - (code ? codeHeight + gap : 0);
  const areaHeight = areaBottom - areaTop;
  const texts = textEntries(fields, content);
  const base = textBaseSize(heightMm);
  const landscape = widthMm >= heightMm * 1.15;

  const area: TextBox = { left: pad, top: areaTop, width: innerWidth, height: areaHeight, centred: !landscape };
  const qr = fields.includes("qr") ? placeQr(content.url, area, landscape, texts.length > 0) : null;
  const textBox = qr ? besideQr(area, qr, landscape, gap) : area;
  const lines: PlannedLine[] = texts.length > 0 ? layTextLines(texts, textBox, base, metrics) : [];

  if (code) {
    let baseline = height - pad - DESCENT * code.size - (code.lines.length - 1) * code.size * LINE_PITCH;
    for (const text of code.lines) {
      const x = width / 2 - metrics.width(text, "code", code.size) / 2;
      lines.push({ field: "code", text, font: "code", size: code.size, x, baseline });
      baseline += code.size * LINE_PITCH;
    }
  }
  return { qr, lines };
}

/**
 * The QR symbol in `area` (the label less padding and the code): beside the text on the left of a landscape label,
 * above it on a portrait one, centred when there is no text. Its square takes half of a landscape label's width,
 * 62 % of a portrait label's height, all of either without text; the symbol is then the largest that prints well.
 */
function placeQr(url: string, area: TextBox, landscape: boolean, withText: boolean): PlannedQr {
  const share = !withText ? 1 : landscape ? 0.5 : 0.62;
  const side =
    landscape || !withText ? Math.min(area.height, area.width * share) : Math.min(area.width, area.height * share);
  const spec = chooseQr(url, side) ?? squeezedQr(url, side);
  const x = withText && landscape ? snapUp(area.left) : snapDown(area.left + (area.width - spec.sizePt) / 2);
  const y = withText && !landscape ? area.top : area.top + snapDown((area.height - spec.sizePt) / 2);
  return { text: url, x, y, spec };
}

/** What `area` leaves for the text lines beside (landscape) or below (portrait) the QR symbol and its quiet zone. */
function besideQr(area: TextBox, qr: PlannedQr, landscape: boolean, gap: number): TextBox {
  const right = qr.x + qr.spec.sizePt + gap;
  const bottom = qr.y + qr.spec.sizePt + gap;
  return landscape
    ? { left: right, top: area.top, width: area.left + area.width - right, height: area.height, centred: false }
    : { left: area.left, top: bottom, width: area.width, height: area.top + area.height - bottom, centred: true };
}

/** The text fields asked for that have something to print for this code, in priority order. */
function textEntries(fields: readonly LabelField[], content: LabelContent): { field: TextField; text: string }[] {
  return fields
    .filter((field): field is TextField => field !== "qr" && field !== "code")
    .map((field) => ({ field, text: fieldText(field, content).replace(/\s+/g, " ").trim() }))
    .filter((entry) => entry.text !== "");
}

interface TextBox {
  left: number;
  top: number;
  width: number;
  height: number;
  centred: boolean;
}

/**
 * Lines in priority order, the first (the product name) a little larger. A line too wide shrinks a little, then
 * breaks onto a second line, and only then shrinks to the smallest size and ends in an ellipsis. All lines shrink
 * together step by step; when even the smallest step does not fit the box's height, lines stop breaking, and then
 * the last line is dropped and the sizes start over.
 */
function layTextLines(
  entries: { field: TextField; text: string }[],
  box: TextBox,
  base: number,
  metrics: TextMetrics,
): PlannedLine[] {
  if (box.width < metrics.width("…", "text", MIN_TEXT_PT)) return [];
  for (let keep = entries.length; keep > 0; keep--) {
    for (const wrap of [true, false]) {
      for (const step of SHRINK_STEPS) {
        const set = entries.slice(0, keep).flatMap((entry, index) => {
          const wanted = Math.max(MIN_TEXT_PT, base * step * (index === 0 ? 1 : 0.9));
          return fitTextLine(entry, wanted, box.width, wrap, metrics);
        });
        const blockHeight = set.reduce((sum, line) => sum + line.size * LINE_PITCH, 0);
        if (blockHeight > box.height) continue;
        let top = box.top + (box.height - blockHeight) / 2;
        return set.map(({ field, text, size }) => {
          const x = box.centred ? box.left + (box.width - metrics.width(text, "text", size)) / 2 : box.left;
          const line: PlannedLine = { field, text, font: "text", size, x, baseline: top + ASCENT * size };
          top += size * LINE_PITCH;
          return line;
        });
      }
    }
  }
  return [];
}

/** A line shrinks to this share of its size before it breaks onto a second line. */
const SHRINK_BEFORE_BREAK = 0.8;

/** One field's text in `width`: one line, or two when it may break, each as large as fits down to the minimum. */
function fitTextLine(
  entry: { field: TextField; text: string },
  wanted: number,
  width: number,
  wrap: boolean,
  metrics: TextMetrics,
): { field: TextField; text: string; size: number }[] {
  const fitted = (text: string, floor: number) => {
    const natural = metrics.width(text, "text", wanted);
    const size = natural <= width ? wanted : Math.max(floor, (wanted * width) / natural);
    return { field: entry.field, text: ellipsize(text, width, (t) => metrics.width(t, "text", size)), size };
  };
  const single = fitted(entry.text, MIN_TEXT_PT);
  if (single.size >= wanted * SHRINK_BEFORE_BREAK && single.text === entry.text) return [single];
  const broken = wrap ? breakLine(entry.text, (t) => metrics.width(t, "text", wanted)) : null;
  if (!broken) return [single];
  const [first, second] = broken.map((part) => fitted(part, MIN_TEXT_PT)) as [typeof single, typeof single];
  const size = Math.min(first.size, second.size);
  return [
    { ...first, size, text: ellipsize(broken[0], width, (t) => metrics.width(t, "text", size)) },
    { ...second, size, text: ellipsize(broken[1], width, (t) => metrics.width(t, "text", size)) },
  ];
}

/**
 * `text` cut into two lines of about equal width: between Chinese characters or at a space, never inside a Latin
 * word or number unless there is no other place. Null for a single character.
 */
function breakLine(text: string, widthOf: (text: string) => number): [string, string] | null {
  const chars = [...text];
  const wordy = (ch: string | undefined) => ch !== undefined && /[\p{Script=Latin}\p{N}._/×-]/u.test(ch);
  let best: { cut: number; cost: number; splitsWord: boolean } | null = null;
  for (let cut = 1; cut < chars.length; cut++) {
    const first = chars.slice(0, cut).join("").trimEnd();
    const second = chars.slice(cut).join("").trimStart();
    if (!first || !second) continue;
    const splitsWord = wordy(chars[cut - 1]) && wordy(chars[cut]);
    const cost = Math.max(widthOf(first), widthOf(second));
    if (!best || (best.splitsWord && !splitsWord) || (best.splitsWord === splitsWord && cost < best.cost)) {
      best = { cut, cost, splitsWord };
    }
  }
  if (!best) return null;
  return [chars.slice(0, best.cut).join("").trimEnd(), chars.slice(best.cut).join("").trimStart()];
}

/** The longest prefix of `text` (by character) that fits `maxWidth` with a trailing ellipsis, or `text` itself. */
export function ellipsize(text: string, maxWidth: number, widthOf: (text: string) => number): string {
  if (widthOf(text) <= maxWidth) return text;
  const chars = [...text];
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (widthOf(`${chars.slice(0, mid).join("").trimEnd()}…`) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? (widthOf("…") <= maxWidth ? "…" : "") : `${chars.slice(0, low).join("").trimEnd()}…`;
}

/**
 * The code in the code font across the whole label, as large as fits up to `maxSize`. Below the smallest readable
 * size it breaks at its middle-most space or hyphen onto two lines; if even those do not fit, it shrinks further
 * rather than run off the label.
 */
function fitCode(
  code: string,
  width: number,
  maxSize: number,
  metrics: TextMetrics,
): { lines: string[]; size: number } {
  const fitting = (lines: string[]) =>
    Math.min(maxSize, ...lines.map((line) => (width * maxSize) / metrics.width(line, "code", maxSize)));
  const single = fitting([code]);
  if (single >= MIN_TEXT_PT) return { lines: [code], size: single };
  const split = splitInTwo(code);
  if (!split) return { lines: [code], size: single };
  return { lines: split, size: fitting(split) };
}

function splitInTwo(code: string): [string, string] | null {
  let best = -1;
  for (let i = 1; i < code.length - 1; i++) {
    if (
      (code[i] === " " || code[i] === "-") &&
      (best < 0 || Math.abs(i - code.length / 2) < Math.abs(best - code.length / 2))
    ) {
      best = i;
    }
  }
  if (best < 0) return null;
  const cut = code[best] === " " ? best : best + 1;
  return [code.slice(0, cut).trimEnd(), code.slice(cut).trimStart()];
}

/** When no printable symbol fits (an absurdly long URL), the symbol still fills its square: finer than 2 dots. */
function squeezedQr(text: string, side: number): QrSpec {
  const version = byteModeVersion(Buffer.byteLength(text, "utf8"), "L");
  const modules = modulesWithQuietZone(version);
  const dots = Math.max(0, side) / (modules * DOT_PT);
  return { errorCorrection: "L", version, modules, dots, sizePt: modules * dots * DOT_PT };
}

function snapUp(value: number): number {
  return Math.ceil(value / DOT_PT - 1e-9) * DOT_PT;
}

function snapDown(value: number): number {
  return Math.floor(value / DOT_PT + 1e-9) * DOT_PT;
}

/**
 * Whether a label of this size and fields has room for a printable QR symbol (at least `MIN_DOTS` dots a module)
 * of a long URL (`SAMPLE_URL_BYTES`), beside the longest code a batch prints (a GS1 lot's HRI with a 20-character
 * lot, on two lines where it must): checked before any label is drawn.
 */
export const SAMPLE_URL_BYTES = 80;
const LONGEST_CODE = "(01) 06901234567892 (10) L20261130ABCDEFGHIJK";

export function qrRoom(widthMm: number, heightMm: number, fields: readonly LabelField[]): QrSpec | null {
  if (!fields.includes("qr")) return null;
  const sample: LabelContent = {
    url: "h".repeat(SAMPLE_URL_BYTES),
    code: LONGEST_CODE,
    name: "产品",
    model: "M",
    batchNo: "B",
    productionDate: "2026-01-01",
    maker: "M",
    codeType: "ITEM",
    range: "区段 0–1 m",
  };
  const qr = planLabel(widthMm, heightMm, fields, sample, ESTIMATED_METRICS).qr;
  return qr && qr.spec.dots >= MIN_DOTS ? qr.spec : null;
}

/** Courier's advance is 0.6 em for every glyph; text is taken at its widest, 1 em a character (CJK). */
export const ESTIMATED_METRICS: TextMetrics = {
  width: (text, font, size) => [...text].length * size * (font === "code" ? 0.6 : 1),
};
