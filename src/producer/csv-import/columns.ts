/**
 * Header rows of producers' spreadsheets: column names in English or Chinese, mapped onto the fields of ProductInput
 * and BatchInput. Names are compared after NFKC (full-width letters and brackets become ASCII), lower-casing and
 * dropping spaces, `_`, `-`, `*` (a "required" marker) and bracketed notes, so `*生产日期（YYYY-MM-DD）`, `Batch No`
 * and `batch_no` all match. A column named `ext.NAME` (or `扩展.NAME`) goes into the batch's extended info as NAME.
 */

export type ImportKind = "products" | "batches";

export const IMPORT_KINDS: readonly ImportKind[] = ["products", "batches"];

export type ProductField =
  "id" | "manufacturerId" | "name" | "model" | "category" | "traceMode" | "brand" | "gtin" | "standardNo";

export type BatchField =
  | "productId"
  | "batchNo"
  | "productionDate"
  | "quantity"
  | "unit"
  | "inspectionResult"
  | "licenceNo"
  | "cccCertNo"
  | "components";

export type ImportField = ProductField | BatchField;

interface ColumnSpec {
  field: ImportField;
  required: boolean;
  /** Accepted names, already normalised (see `normalizeHeader`). */
  names: readonly string[];
}

const PRODUCT_COLUMNS: readonly ColumnSpec[] = [
  { field: "id", required: false, names: ["id", "productid", "编号", "产品编号", "产品id", "产品代码"] },
  {
    field: "manufacturerId",
    required: true,
    names: [
      "manufacturerid",
      "manufacturer",
      "uscc",
      "生产企业",
      "生产企业id",
      "生产企业统一社会信用代码",
      "统一社会信用代码",
      "生产者",
      "制造商",
    ],
  },
  { field: "name", required: true, names: ["name", "productname", "产品名称", "名称", "品名"] },
  { field: "model", required: true, names: ["model", "型号", "规格型号", "型号规格", "产品型号"] },
  { field: "category", required: true, names: ["category", "类别", "产品类别", "品类"] },
  { field: "traceMode", required: true, names: ["tracemode", "mode", "追溯模式", "赋码模式", "追溯方式"] },
  { field: "brand", required: false, names: ["brand", "商标", "品牌"] },
  { field: "gtin", required: false, names: ["gtin", "商品条码", "条码"] },
  {
    field: "standardNo",
    required: true,
    names: ["standardno", "standard", "执行标准", "执行标准号", "标准号", "产品标准"],
  },
];

const BATCH_COLUMNS: readonly ColumnSpec[] = [
  { field: "productId", required: true, names: ["productid", "product", "产品", "产品编号", "产品id", "产品代码"] },
  { field: "batchNo", required: true, names: ["batchno", "batch", "lot", "批号", "批次号", "生产批号", "批次"] },
  { field: "productionDate", required: true, names: ["productiondate", "生产日期"] },
  { field: "quantity", required: true, names: ["quantity", "qty", "数量"] },
  { field: "unit", required: true, names: ["unit", "单位", "计量单位"] },
  {
    field: "inspectionResult",
    required: true,
    names: ["inspectionresult", "检验结果", "检验结论", "出厂检验结论", "出厂检验结果"],
  },
  {
    field: "licenceNo",
    required: false,
    names: ["licenceno", "licenseno", "licence", "license", "生产许可证", "生产许可证号", "生产许可证编号", "许可证号"],
  },
  { field: "cccCertNo", required: false, names: ["ccccertno", "ccc", "ccc证书", "ccc证书号", "ccc证书编号", "3c证书"] },
  { field: "components", required: false, names: ["components", "零部件", "组件", "零部件批次"] },
];

const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = { products: PRODUCT_COLUMNS, batches: BATCH_COLUMNS };

/** `ext.NAME` / `扩展.NAME` (either full stop, any case): a field of the extended info. */
const EXTENDED_PREFIX = /^(?:ext|扩展|扩展信息)\s*[.。．]\s*(.+)$/i;

/** Where a column's cells go. */
export type ColumnTarget = { kind: "field"; field: ImportField } | { kind: "extended"; name: string };

export interface MappedColumn {
  /** 0-based position in the row. */
  index: number;
  /** The header cell as written, to name the column in reports. */
  header: string;
  target: ColumnTarget;
}

export interface HeaderMapping {
  columns: MappedColumn[];
  /** Columns nobody reads, as written (reported as a warning). */
  ignored: string[];
  /** Missing required or doubled columns: the file cannot be imported as this kind. */
  errors: string[];
}

/** NFKC, lower case, no spaces, `_`, `-`, `*` or bracketed notes. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/^\uFEFF/, "")
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, "")
    .toLowerCase()
    .replace(/[\s_\-*]/g, "");
}

/**
 * Maps a header row onto fields. `optional` names required fields that may be missing because the caller supplies
 * them otherwise (e.g. `manufacturerId` from `--manufacturer`).
 */
export function mapHeader(kind: ImportKind, header: readonly string[], optional: readonly ImportField[] = []) {
  const specs = COLUMNS[kind];
  const mapping: HeaderMapping = { columns: [], ignored: [], errors: [] };
  const seen = new Map<string, string>();
  header.forEach((raw, index) => {
    const text = raw.replace(/^\uFEFF/, "").trim();
    if (text === "") return;
    const target = columnTarget(kind, text, specs);
    if (target === null) {
      mapping.ignored.push(text);
      return;
    }
    const key = target.kind === "field" ? target.field : `ext.${target.name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      mapping.errors.push(`columns "${earlier}" and "${text}" both give ${describeTarget(target)}`);
      return;
    }
    seen.set(key, text);
    mapping.columns.push({ index, header: text, target });
  });
  const missing = specs.filter((spec) => spec.required && !seen.has(spec.field) && !optional.includes(spec.field));
  for (const spec of missing) {
    mapping.errors.push(`no column for ${spec.field} (named "${spec.field}" or "${chineseName(spec)}")`);
  }
  return mapping;
}

function columnTarget(kind: ImportKind, text: string, specs: readonly ColumnSpec[]): ColumnTarget | null {
  const extended = EXTENDED_PREFIX.exec(text.normalize("NFKC"));
  if (extended?.[1]) return kind === "batches" ? { kind: "extended", name: extended[1].trim() } : null;
  const name = normalizeHeader(text);
  const spec = specs.find((s) => s.names.includes(name));
  return spec ? { kind: "field", field: spec.field } : null;
}

function describeTarget(target: ColumnTarget): string {
  return target.kind === "field" ? target.field : `extended info "${target.name}"`;
}

function chineseName(spec: ColumnSpec): string {
  return spec.names.find((n) => /[\u4e00-\u9fa5]/.test(n)) ?? spec.names[0] ?? spec.field;
}
