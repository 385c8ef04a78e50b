import { BadUserInputError } from "../errors/app-errors.js";

/**
 * What a label may carry, in priority order: when a small label has no room for every field asked for, the last
 * ones are dropped first. `qr` and `code` have places of their own (the symbol, and the code in full width beneath);
 * the others are lines of text beside or under the symbol.
 */
export const LABEL_FIELDS = ["qr", "code", "name", "model", "batch", "date", "maker", "type", "range"] as const;
export type LabelField = (typeof LABEL_FIELDS)[number];
export type TextField = Exclude<LabelField, "qr" | "code">;

/** Everything a label of one code may print; the empty string where there is nothing to print. */
export interface LabelContent {
  /** What the QR symbol encodes. */
  url: string;
  /** The code as a person reads it. */
  code: string;
  name: string;
  model: string;
  batchNo: string;
  /** `YYYY-MM-DD`. */
  productionDate: string;
  maker: string;
  /** The code type (TraceCodeType), or "" for a code without one. */
  codeType: string;
  /** A segment's range along its mother code, or a mother code's length (`rangeText`). */
  range: string;
}

/** The code types as a label names them (子母码, 组合码, 一物一码 / 一批一码 / 一品一码). */
const CODE_TYPE_NAMES: Readonly<Record<string, string>> = {
  MOTHER: "母码",
  SEGMENT: "子码",
  BUNDLE: "组合码",
  ITEM: "单品码",
  BATCH: "批次码",
  PRODUCT: "产品码",
};

/** The line of text a field prints for `content`; "" when the label has nothing for it. */
export function fieldText(field: TextField, content: LabelContent): string {
  switch (field) {
    case "name":
      return content.name;
    case "model":
      return content.model ? `型号 ${content.model}` : "";
    case "batch":
      return content.batchNo ? `批号 ${content.batchNo}` : "";
    case "date":
      return content.productionDate ? `生产日期 ${content.productionDate}` : "";
    case "maker":
      return content.maker;
    case "type":
      return CODE_TYPE_NAMES[content.codeType] ?? content.codeType;
    case "range":
      return content.range;
  }
}

/** A segment's range (`区段 0–500 m`) or a mother code's whole length (`全长 3000 m`); "" for other codes. */
export function rangeText(
  segment: { start: number; end: number; unit: string | null } | null,
  length: { value: number; unit: string | null } | null,
): string {
  const unit = (value: string | null) => (value ? ` ${value}` : "");
  if (segment) return `区段 ${segment.start}–${segment.end}${unit(segment.unit)}`;
  if (length) return `全长 ${length.value}${unit(length.unit)}`;
  return "";
}

/**
 * What a label of `width` × `height` mm carries when the caller does not say: as much as stays readable at that
 * size. Small roll labels (40 × 30) get the name and batch number beside the symbol; every label the code.
 */
export function defaultFields(width: number, height: number): LabelField[] {
  if (height < 35 && width < 45) return ["qr", "code", "name", "batch"];
  if (height < 35) return ["qr", "code", "name", "model", "batch"];
  if (height < 60) return ["qr", "code", "name", "model", "batch", "date", "type", "range"];
  return [...LABEL_FIELDS];
}

/**
 * `?fields=qr,code,name,batch,date`: the fields in priority order (whatever order they were given in), each once.
 * Absent: `fallback`. Unknown names or an empty list are BAD_USER_INPUT naming `fields`.
 */
export function parseLabelFields(raw: unknown, fallback: readonly LabelField[]): LabelField[] {
  if (raw === undefined) return [...fallback];
  const names = typeof raw === "string" ? raw.split(",").map((name) => name.trim().toLowerCase()) : [];
  const unknown = names.filter((name) => !(LABEL_FIELDS as readonly string[]).includes(name));
  if (typeof raw !== "string" || unknown.length > 0 || names.every((name) => name === "")) {
    throw new BadUserInputError(
      `fields must be a comma-separated list of ${LABEL_FIELDS.join(", ")}` +
        (unknown.length > 0 ? ` (unknown: ${unknown.filter(Boolean).join(", ") || "an empty name"})` : ""),
      { field: "fields", value: String(raw), rule: "label fields" },
    );
  }
  return LABEL_FIELDS.filter((field) => names.includes(field));
}
