import { BadUserInputError } from "../errors/app-errors.js";
import type { LabelField } from "./label-fields.js";
import { LAYOUT_BOUNDS, parseLabelLayout, type LabelLayout } from "./label-layout.js";
import { PRINTER_DPI, MIN_DOTS } from "./label-qr.js";
import { SAMPLE_URL_BYTES, qrRoom } from "./label-plan.js";

/**
 * What the labels are printed on: A4 sheets of label stock (office printers), or a roll of labels for a thermal
 * printer, one label per PDF page at the label's own size.
 */
export type LabelFormat =
  | { kind: "sheet"; layout: LabelLayout; width: number; height: number }
  | { kind: "roll"; width: number; height: number };

/** Common thermal roll sizes (width × height in mm), each tested to scan at 203 dpi. */
export const ROLL_FORMATS = ["40x30", "50x30", "60x40", "100x70"] as const;
/** Any other `WxH` in millimetres within these bounds is accepted too. */
export const ROLL_BOUNDS = { min: 20, max: 200 } as const;

const ROLL = /^(\d{1,3}(?:\.\d{1,2})?)x(\d{1,3}(?:\.\d{1,2})?)$/;

/**
 * `?format=a4` (the default: A4 sheets laid out by `labelWidth`, `columns`, ...) or `?format=50x30` (a roll of
 * 50 × 30 mm labels). Layout parameters belong to sheets: given with a roll format, they are BAD_USER_INPUT.
 */
export function parseLabelFormat(query: Readonly<Record<string, unknown>>): LabelFormat {
  const raw = query.format;
  const text = typeof raw === "string" ? raw.trim().toLowerCase().replace(/[×*]/g, "x") : raw;
  if (text === undefined || text === "" || text === "a4") {
    const layout = parseLabelLayout(query);
    return { kind: "sheet", layout, width: layout.labelWidth, height: layout.labelHeight };
  }
  const match = typeof text === "string" ? ROLL.exec(text) : null;
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || [width, height].some((mm) => !(mm >= ROLL_BOUNDS.min && mm <= ROLL_BOUNDS.max))) {
    throw new BadUserInputError(
      `format must be a4 or a roll label size WxH in mm from ${ROLL_BOUNDS.min} to ${ROLL_BOUNDS.max}, ` +
        `e.g. ${ROLL_FORMATS.join(", ")} (got ${JSON.stringify(raw)})`,
      { field: "format", value: String(raw), rule: "label format" },
    );
  }
  const sheetOnly = Object.keys(LAYOUT_BOUNDS).find((field) => query[field] !== undefined);
  if (sheetOnly) {
    throw new BadUserInputError(`${sheetOnly} applies to A4 sheets (format=a4), not to a roll of ${text} labels`, {
      field: sheetOnly,
      rule: "sheet layout only",
    });
  }
  return { kind: "roll", width, height };
}

/**
 * A label that carries a QR symbol must have room for one a thermal printer prints: `MIN_DOTS` dots a module at
 * `PRINTER_DPI`, for a URL of `SAMPLE_URL_BYTES` bytes, beside the other fields. BAD_USER_INPUT naming the
 * parameter that sets the size (`labelHeight` on sheets, `format` for rolls) otherwise.
 */
export function assertQrRoom(format: LabelFormat, fields: readonly LabelField[]): void {
  if (!fields.includes("qr") || qrRoom(format.width, format.height, fields) !== null) return;
  const field = format.kind === "sheet" ? "labelHeight" : "format";
  throw new BadUserInputError(
    `${field}: labels of ${format.width} × ${format.height} mm leave no room for the QR symbol of a ` +
      `${SAMPLE_URL_BYTES}-byte URL at ${MIN_DOTS} dots a module (${PRINTER_DPI} dpi) beside these fields ` +
      `(make the label larger, or ask for fewer fields)`,
    {
      field,
      value: String(format.kind === "sheet" ? format.height : `${format.width}x${format.height}`),
      rule: "QR symbol fits the label",
    },
  );
}
