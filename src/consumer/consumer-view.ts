import { IdentifierError, parseIdentifier } from "../codes/index.js";
import type { Row } from "../graph/executor.js";
import type { ScanRegionRow, TraceViewRow } from "../graph/consumer.repository.js";
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
  producer: { id: string; name: string } | null;
  product: {
    name: string;
    brand: string | null;
    model: string | null;
    spec: string | null;
    category: string | null;
    standardNo: string | null;
  } | null;
  batch: {
    batchNo: string;
    productionDate: string | null;
    quantity: number | null;
    unit: string | null;
    inspectionResult: string | null;
    licenceNo: string | null;
    cccCertNo: string | null;
    status: string | null;
    statusText: string | null;
  } | null;
  recall: { reason: string | null; at: string | null } | null;
  scans: {
    total: number;
    first: string | null;
    last: string | null;
    regions: { regionCode: string | null; regionName: string; scans: number; first: string; last: string }[];
  };
  hints: Hint[];
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

/** Builds the view from the stored nodes; pure, so the page's content is unit-testable without a database. */
export function buildConsumerView(row: TraceViewRow, code: CodeFacts | null): ConsumerView {
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
    recall:
      row.batch?.status === "RECALLED"
        ? { reason: text(row.batch.recallReason), at: text(row.batch.recalledAt) }
        : null,
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
  if (row.manufacturer) return { id: row.manufacturer.id, name: row.manufacturer.name ?? row.manufacturer.id };
  const id = text(row.product?.manufacturerId);
  return id ? { id, name: id } : null;
}

function productOf(product: Row, batch: Row | null): NonNullable<ConsumerView["product"]> {
  return {
    name: text(product.name) ?? "",
    brand: text(product.brand),
    model: text(product.model),
    spec: text(product.spec) ?? extendedText(batch, ["spec", "specification", "规格"]),
    category: categoryName(text(product.category)),
    standardNo: text(product.standardNo),
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
  const firstRegion = view.scans.regions.reduce<ConsumerView["scans"]["regions"][number] | null>(
    (best, r) => (best === null || r.first < best.first ? r : best),
    null,
  );
  const provinces = new Set(view.scans.regions.map((r) => r.regionCode?.slice(0, 2) ?? "?"));
  return authenticityHints({
    kind: view.kind,
    codeStatus: code?.status ?? null,
    codeType: code?.codeType ?? null,
    voidReason: code?.voidReason ?? null,
    totalScans: view.scans.total,
    firstScan: view.scans.first && firstRegion ? { at: view.scans.first, place: firstRegion.regionName } : null,
    provinces: provinces.size,
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
