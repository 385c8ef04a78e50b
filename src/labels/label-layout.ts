import { BadUserInputError } from "../errors/app-errors.js";

/** A4 portrait, in millimetres. */
export const A4 = { width: 210, height: 297 } as const;

/** Where labels sit on an A4 sheet; every length in millimetres. */
export interface LabelLayout {
  labelWidth: number;
  labelHeight: number;
  columns: number;
  rows: number;
  marginTop: number;
  marginLeft: number;
  gapX: number;
  gapY: number;
}

type LayoutField = keyof LabelLayout;

/**
 * Bounds of each query parameter. Lengths below 15 mm leave no room for a scannable QR symbol; counts above these
 * would not fit on A4 at the minimum label size anyway.
 */
export const LAYOUT_BOUNDS: Readonly<Record<LayoutField, readonly [number, number]>> = {
  labelWidth: [15, 210],
  labelHeight: [15, 297],
  columns: [1, 14],
  rows: [1, 19],
  marginTop: [0, 100],
  marginLeft: [0, 100],
  gapX: [0, 50],
  gapY: [0, 50],
};

/**
 * Defaults: the common 24-up A4 label stock (3 × 8 labels of 63.5 × 33.9 mm, e.g. Avery L7159), so a default sheet
 * prints straight onto labels most offices have.
 */
export const DEFAULT_LAYOUT: LabelLayout = {
  labelWidth: 63.5,
  labelHeight: 33.9,
  columns: 3,
  rows: 8,
  marginTop: 12.9,
  marginLeft: 7.2,
  gapX: 2.5,
  gapY: 0,
};

/** Rounding of decimal millimetres must not reject a layout that fits exactly (8 × 33.9 = 271.2). */
const EPSILON = 1e-6;

/**
 * The layout asked for in query parameters (`labelWidth`, `labelHeight`, `columns`, `rows`, `marginTop`,
 * `marginLeft`, `gapX`, `gapY`; lengths in mm). Columns and rows default to as many as fit with margins mirrored on
 * the far side; explicit ones must fit on the page. Every problem is BAD_USER_INPUT naming the parameter. Whether the
 * label leaves room for a QR symbol depends on what it carries: `assertQrRoom` (label-format.ts).
 */
export function parseLabelLayout(query: Readonly<Record<string, unknown>>): LabelLayout {
  const given = (field: LayoutField): number | undefined => numberParam(query, field);
  const layout = { ...DEFAULT_LAYOUT };
  for (const field of ["labelWidth", "labelHeight", "marginTop", "marginLeft", "gapX", "gapY"] as const) {
    layout[field] = given(field) ?? DEFAULT_LAYOUT[field];
  }
  layout.columns = given("columns") ?? fitting(A4.width, layout.marginLeft, layout.labelWidth, layout.gapX);
  layout.rows = given("rows") ?? fitting(A4.height, layout.marginTop, layout.labelHeight, layout.gapY);
  checkFits(layout);
  return layout;
}

export function labelsPerPage(layout: LabelLayout): number {
  return layout.columns * layout.rows;
}

function numberParam(query: Readonly<Record<string, unknown>>, field: LayoutField): number | undefined {
  const raw = query[field];
  if (raw === undefined || raw === "") return undefined;
  const [min, max] = LAYOUT_BOUNDS[field];
  const integer = field === "columns" || field === "rows";
  const value = typeof raw === "string" && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const what = integer ? "a whole number" : "a number of millimetres";
    throw new BadUserInputError(`${field} must be ${what} from ${min} to ${max} (got ${JSON.stringify(raw)})`, {
      field,
      value: String(raw),
      rule: `range ${min}..${max}`,
    });
  }
  return value;
}

/** How many labels of `size` fit along `page` between a margin and the same margin on the far side. */
function fitting(page: number, margin: number, size: number, gap: number): number {
  return Math.max(0, Math.floor((page - 2 * margin + gap + EPSILON) / (size + gap)));
}

function checkFits(layout: LabelLayout): void {
  const width = layout.marginLeft + layout.columns * layout.labelWidth + (layout.columns - 1) * layout.gapX;
  const height = layout.marginTop + layout.rows * layout.labelHeight + (layout.rows - 1) * layout.gapY;
  if (layout.columns < 1 || width > A4.width + EPSILON) {
    throw layoutError(
      "columns",
      `${layout.columns} columns of ${layout.labelWidth} mm do not fit across A4`,
      width,
      A4.width,
    );
  }
  if (layout.rows < 1 || height > A4.height + EPSILON) {
    throw layoutError("rows", `${layout.rows} rows of ${layout.labelHeight} mm do not fit down A4`, height, A4.height);
  }
}

function layoutError(field: LayoutField, message: string, used: number, page: number): BadUserInputError {
  return new BadUserInputError(`${field}: ${message} (${used.toFixed(1)} mm of ${page} mm with margins and gaps)`, {
    field,
    rule: "fits on A4",
  });
}
