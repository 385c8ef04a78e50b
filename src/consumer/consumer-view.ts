import { IdentifierError, parseIdentifier } from "../codes/index.js";
import type { Row } from "../graph/executor.js";
import type { ScanRegionRow, TraceViewRow } from "../graph/consumer.repository.js";
import type { ContainedRow, PageExtrasRow } from "../graph/consumer-visit.repository.js";
import { queryReport, type QueryReport } from "./query-verdict.js";
import { warrantyView, type WarrantyView } from "./warranty-view.js";
import { humanReadableCode } from "../labels/human-readable-code.js";
import { authenticityHints, type Hint } from "./authenticity-hints.js";
import { provinceName } from "./province-names.js";
import { InspectionStatus, inspectionStatusOf } from "../producer/inspection.js";
import { findProductCategory } from "../producer/product-categories.js";

/** The lifecycle of a code as the consumer page needs it (a subset of the producer's TraceCode record). */
export interface CodeFacts {
  status: string;
  codeType: string;
  mode: string;
  voidReason: string | null;
}

/**
 * What a consumer sees after scanning: the HTML page renders it, `Accept: application/json` returns it as is, so
 * both always say the same. Every field is plain data; escaping is the renderer's job.
 */
export interface ConsumerView {
  key: string;
  kind: string;
  /** The code as printed under the QR symbol. */
  printedCode: string;
  code: { status: string; statusText: string; codeType: string; mode: string; voidReason: string | null } | null;
  /**
   * What the code says to a buyer, by precedence: recalled, failed inspection, void, not yet released, active (null
   * for an object that is no code of ours). The page's badge shows this; a recalled code is never "正常".
   */
  verdict: { status: Verdict; text: string } | null;
  /** The maker, with the public contact its registration gives (null where it gave none). */
  producer: {
    id: string;
    name: string;
    servicePhone: string | null;
    address: string | null;
    website: string | null;
  } | null;
  product: {
    name: string;
    brand: string | null;
    model: string | null;
    spec: string | null;
    category: string | null;
    standardNo: string | null;
    /** 保修期 in months and the after-sales terms, as the maker registered them for the public. */
    warrantyMonths: number | null;
    warrantyTerms: string | null;
  } | null;
  batch: {
    batchNo: string;
    productionDate: string | null;
    quantity: number | null;
    unit: string | null;
    inspectionResult: string | null;
    inspectionReportNo: string | null;
    inspectionAgency: string | null;
    inspectionDate: string | null;
    licenceNo: string | null;
    cccCertNo: string | null;
    status: string | null;
    statusText: string | null;
  } | null;
  /** A recall notice: why, when, and what a holder of the product should do. */
  recall: { reason: string | null; at: string | null; advice: string } | null;
  /**
   * Consumer queries of this code (page views and consumer scans, the current view included when it was counted):
   * FIRST, REPEATED, or SUSPICIOUS when the count, the viewers or the provinces look like a copied code.
   */
  queries: QueryReport;
  /** What this code holds now: a bundle's items (组合多码) or a mother code's segments (子母码), at most 200 listed. */
  contents: { count: number; items: ContainedItem[] } | null;
  /** A segment code's own range on its mother code (not its batch's quantity). */
  segment: { parentCode: string; start: number; end: number; length: number; unit: string | null } | null;
  /** Warranty registration (保修登记): whether it can be registered here, and the registration when there is one. */
  warranty: WarrantyView;
  scans: {
    total: number;
    first: string | null;
    last: string | null;
    regions: { regionCode: string | null; regionName: string; scans: number; first: string; last: string }[];
  };
  hints: Hint[];
}

export interface ContainedItem {
  code: string;
  printedCode: string;
  codeType: string | null;
  product: string | null;
  model: string | null;
  /** A segment's range on this mother code and its length. */
  range: { start: number; end: number; length: number; unit: string | null } | null;
}

export type Verdict = "RECALLED" | "FAILED_INSPECTION" | "VOID" | "NOT_RELEASED" | "ACTIVE";

const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  RECALLED: "已召回（请停止使用）",
  FAILED_INSPECTION: "检验不合格（请勿使用）",
  VOID: "已作废",
  NOT_RELEASED: "未激活（产品尚未出厂）",
  ACTIVE: "正常（已激活）",
};

function verdictOf(code: CodeFacts | null, batch: Row | null): ConsumerView["verdict"] {
  if (!code) return null;
  const status: Verdict =
    batch?.status === "RECALLED"
      ? "RECALLED"
      : inspectionStatusOf(text(batch?.inspectionResult) ?? "") === InspectionStatus.FAILED
        ? "FAILED_INSPECTION"
        : code.status === "VOID"
          ? "VOID"
          : code.status === "ACTIVE"
            ? "ACTIVE"
            : "NOT_RELEASED";
  return { status, text: VERDICT_TEXT[status] };
}

const CODE_STATUS_TEXT: Readonly<Record<string, string>> = {
  GENERATED: "未激活（已赋码，产品尚未出厂）",
  PRINTED: "未激活（标签已打印，产品尚未出厂）",
  ACTIVE: "正常（已激活）",
  VOID: "已作废",
};

const BATCH_STATUS_TEXT: Readonly<Record<string, string>> = {
  DRAFT: "待赋码",
  CODED: "已赋码，待出厂",
  RELEASED: "已出厂",
  RECALLED: "已召回",
};

const SHARED_KINDS = new Set(["PRODUCT", "LOT"]);
const SHARED_CODE_TYPES = new Set(["PRODUCT", "BATCH"]);

/** Batch and product codes are printed on every package of a batch or model: many queries of them mean nothing. */
function isShared(kind: string, code: CodeFacts | null): boolean {
  return SHARED_KINDS.has(kind) || SHARED_CODE_TYPES.has(code?.codeType ?? "");
}

const NO_EXTRAS: PageExtrasRow = {
  queries: { count: 0, firstAt: null, viewers: 0, provinces: 0 },
  contents: [],
  contentCount: 0,
  containers: [],
  warranty: null,
};

/** Builds the view from the stored nodes; pure, so the page's content is unit-testable without a database. */
export function buildConsumerView(
  row: TraceViewRow,
  code: CodeFacts | null,
  extras: PageExtrasRow = NO_EXTRAS,
): ConsumerView {
  const key = String(row.object.key);
  const kind = String(row.object.kind);
  const regions = row.regions.map(toRegion);
  const verdict = verdictOf(code, row.batch);
  // A recalled or failed batch's codes never read as valid, in the JSON either.
  const overriding = verdict?.status === "RECALLED" || verdict?.status === "FAILED_INSPECTION";
  const view: Omit<ConsumerView, "hints"> = {
    key,
    kind,
    printedCode: humanReadableCode(key),
    code: code && {
      ...code,
      statusText: overriding && verdict ? verdict.text : (CODE_STATUS_TEXT[code.status] ?? code.status),
    },
    verdict,
    producer: producerOf(row),
    product: row.product && productOf(row.product, row.batch),
    batch: batchOf(row),
    recall: row.batch?.status === "RECALLED" ? recallOf(row.batch, producerOf(row)) : null,
    queries: queryReport(extras.queries, isShared(kind, code)),
    contents: extras.contentCount > 0 ? { count: extras.contentCount, items: extras.contents.map(toItem) } : null,
    segment: segmentOf(extras),
    warranty: warrantyView({
      kind,
      code,
      verdict: verdict?.status ?? null,
      shared: isShared(kind, code),
      months: typeof row.product?.warrantyMonths === "number" ? row.product.warrantyMonths : null,
      registration: extras.warranty,
    }),
    scans: {
      total: row.totalScans,
      first: earliest(row.regions),
      last: latest(row.regions),
      regions,
    },
  };
  return { ...view, hints: hintsOf(view, code) };
}

/** Products keep their category's code; a buyer reads its name. */
function categoryName(category: string | null): string | null {
  return category === null ? null : (findProductCategory(category)?.name ?? category);
}

function producerOf(row: TraceViewRow): ConsumerView["producer"] {
  const m = row.manufacturer;
  if (m) {
    return {
      id: m.id,
      name: m.name ?? m.id,
      servicePhone: text(m.servicePhone),
      address: text(m.address),
      website: text(m.website),
    };
  }
  const id = text(row.product?.manufacturerId);
  return id ? { id, name: id, servicePhone: null, address: null, website: null } : null;
}

/** What to do, in plain words: the maker's own advice when it gave one, and whom to call. */
function recallOf(batch: Row, producer: ConsumerView["producer"]): NonNullable<ConsumerView["recall"]> {
  const phone = producer?.servicePhone ? `（客服电话 ${producer.servicePhone}）` : "";
  const advice =
    text(batch.recallAdvice) ??
    `请立即停止使用该产品，保留产品和购买凭证，联系销售者或生产企业${phone}办理退货、更换或维修。`;
  return { reason: text(batch.recallReason), at: text(batch.recalledAt), advice };
}

function rangeOf(start: number | null, end: number | null, unit: string | null) {
  if (start === null || end === null) return null;
  return { start, end, length: Math.round((end - start) * 1000) / 1000, unit };
}

function toItem(row: ContainedRow): ContainedItem {
  return {
    code: row.key,
    printedCode: humanReadableCode(row.key),
    codeType: row.codeType,
    product: row.product,
    model: row.model,
    range: rangeOf(row.start, row.end, row.unit),
  };
}

/** A segment: the one container link with a range (a segment belongs to one mother code). */
function segmentOf(extras: PageExtrasRow): ConsumerView["segment"] {
  for (const container of extras.containers) {
    const range = rangeOf(container.start, container.end, container.unit);
    if (range) return { parentCode: humanReadableCode(container.key), ...range };
  }
  return null;
}

function productOf(product: Row, batch: Row | null): NonNullable<ConsumerView["product"]> {
  return {
    name: text(product.name) ?? "",
    brand: text(product.brand),
    model: text(product.model),
    spec: text(product.spec) ?? extendedText(batch, ["spec", "specification", "规格"]),
    category: categoryName(text(product.category)),
    standardNo: text(product.standardNo),
    warrantyMonths: typeof product.warrantyMonths === "number" ? product.warrantyMonths : null,
    warrantyTerms: text(product.warrantyTerms),
  };
}

/** A producer batch when there is one; else the lot number of the GS1 lot the object belongs to, if any. */
function batchOf(row: TraceViewRow): ConsumerView["batch"] {
  const b = row.batch;
  if (b) {
    const status = text(b.status);
    return {
      batchNo: text(b.batchNo) ?? "",
      productionDate: text(b.productionDate),
      quantity: typeof b.quantity === "number" ? b.quantity : null,
      unit: text(b.unit),
      inspectionResult: text(b.inspectionResult),
      inspectionReportNo: text(b.inspectionReportNo),
      inspectionAgency: text(b.inspectionAgency),
      inspectionDate: text(b.inspectionDate),
      licenceNo: text(b.licenceNo),
      cccCertNo: text(b.cccCertNo),
      status,
      statusText: status === null ? null : (BATCH_STATUS_TEXT[status] ?? status),
    };
  }
  const lot = lotNumber(row.lotKey ?? (row.object.kind === "LOT" ? String(row.object.key) : null));
  if (lot === null) return null;
  return {
    batchNo: lot,
    productionDate: null,
    quantity: null,
    unit: null,
    inspectionResult: null,
    inspectionReportNo: null,
    inspectionAgency: null,
    inspectionDate: null,
    licenceNo: null,
    cccCertNo: null,
    status: null,
    statusText: null,
  };
}

function lotNumber(key: string | null): string | null {
  if (key === null) return null;
  try {
    return parseIdentifier(key).lot ?? null;
  } catch (error) {
    if (error instanceof IdentifierError) return null;
    throw error;
  }
}

function toRegion(row: ScanRegionRow): ConsumerView["scans"]["regions"][number] {
  const name = provinceName(row.region);
  const regionName = row.region === null ? "未知地区" : name ? `${name}（${row.region}）` : row.region;
  return { regionCode: row.region, regionName, scans: row.scans, first: row.first, last: row.last };
}

function hintsOf(view: Omit<ConsumerView, "hints">, code: CodeFacts | null): Hint[] {
  return authenticityHints({
    codeStatus: code?.status ?? null,
    voidReason: code?.voidReason ?? null,
    shared: isShared(view.kind, code),
    queryWarning: view.queries.warning,
  });
}

function earliest(regions: readonly ScanRegionRow[]): string | null {
  return regions.reduce<string | null>((min, r) => (min === null || r.first < min ? r.first : min), null);
}

function latest(regions: readonly ScanRegionRow[]): string | null {
  return regions.reduce<string | null>((max, r) => (max === null || r.last > max ? r.last : max), null);
}

/** A non-empty string property, or null. */
function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** A text field of the batch's extended info (stored as a JSON string), under the first of `names` present. */
function extendedText(batch: Row | null, names: readonly string[]): string | null {
  if (typeof batch?.extended !== "string") return null;
  try {
    const extended: unknown = JSON.parse(batch.extended);
    if (!extended || typeof extended !== "object") return null;
    for (const name of names) {
      const value = text((extended as Record<string, unknown>)[name]);
      if (value !== null) return value;
    }
  } catch {
    // Not JSON: the producer always writes JSON, so there is simply nothing to show.
  }
  return null;
}
