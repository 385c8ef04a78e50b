import type { ReportHolderRow, ReportOrganization } from "../graph/report.repository.js";

/**
 * The regulator report (追溯报告, issue 16 item 7) as one JSON document: the product's core data and the batch's basic
 * info and inspection (GB/T 38154 data elements), every transaction of the batch's goods (交易主体 / 交易产品 /
 * 交易行为, GB/T 38156: shipments with parties, product, quantity, time and place), the current holders by region,
 * and the recall's scope. Keys are English; `labels` names each section and field in Chinese.
 */
export interface TraceReport {
  reportType: "TRACE_REPORT";
  reportId: string;
  /** BATCH: a batch's report; RECALL: a recall's (rooted at the recalled code or batch). */
  kind: ReportKind;
  generatedAt: string;
  /** Who asked, and whose view the report is (ALL for a regulator; the maker's visible chain otherwise). */
  requestedBy: { role: string; organizationId: string | null };
  view: string;
  product: ReportProduct;
  batch: ReportBatch;
  transactions: ReportTransaction[];
  holdersByRegion: ReportRegionHolders[];
  recall: ReportRecall;
  labels: Record<string, string>;
}

export const ReportKind = { BATCH: "BATCH", RECALL: "RECALL" } as const;
export type ReportKind = (typeof ReportKind)[keyof typeof ReportKind];

export interface ReportProduct {
  id: string;
  name: string;
  brand: string | null;
  model: string;
  category: string;
  categoryName: string;
  gtin: string | null;
  standardNo: string;
  traceMode: string;
  manufacturer: ReportOrganization & { uscc: string | null };
}

export interface ReportBatch {
  id: string;
  batchNo: string;
  productionDate: string;
  quantity: number;
  unit: string;
  status: string;
  licenceNo: string | null;
  cccCertNo: string | null;
  codeCount: number;
  releasedAt: string | null;
  components: string[];
  extended: Record<string, unknown>;
  inspection: {
    result: string;
    status: string;
    reportNo: string | null;
    agency: string | null;
    date: string | null;
    reportRef: string | null;
  };
}

/** One transaction record: a shipment (交易行为) between two parties (交易主体) of the batch's goods (交易产品). */
export interface ReportTransaction {
  eventId: string;
  time: string;
  bizStep: string;
  supplier: ReportOrganization | null;
  buyer: ReportOrganization;
  product: { id: string; name: string; model: string; batchNo: string };
  /** How many of the affected objects (codes, items, containers, lots) it moved. */
  quantity: number;
  unit: string;
  objects: string[];
  place: { locationId: string | null; name: string | null; regionCode: string | null };
}

export interface ReportRegionHolders {
  regionCode: string | null;
  /** The province (省级) of the region: its first two digits and 0000. */
  provinceCode: string | null;
  objectCount: number;
  holders: ReportHolderRow[];
}

export interface ReportRecall {
  root: string;
  recalled: boolean;
  reason: string | null;
  advice: string | null;
  recalledAt: string | null;
  affectedCount: number;
  certainCount: number;
  possibleCount: number;
  organizations: { organization: ReportOrganization; objectCount: number }[];
  regions: string[];
}

/** Section and field names in Chinese, for readers and the workbook's headers. */
export const REPORT_LABELS: Record<string, string> = {
  reportType: "追溯报告",
  product: "产品核心数据",
  batch: "批次基本信息与检验",
  transactions: "交易记录（交易主体 / 交易产品 / 交易行为）",
  holdersByRegion: "当前持有者（按地区）",
  recall: "召回范围",
  "product.name": "产品名称",
  "product.model": "规格型号",
  "product.brand": "商标",
  "product.category": "产品类别",
  "product.standardNo": "执行标准",
  "product.gtin": "商品条码",
  "product.manufacturer": "生产企业",
  "batch.batchNo": "生产批号",
  "batch.productionDate": "生产日期",
  "batch.quantity": "数量",
  "batch.inspection": "出厂检验",
  "transactions.supplier": "供货方",
  "transactions.buyer": "购货方",
  "transactions.time": "交易时间",
  "transactions.place": "交易地点",
  "transactions.quantity": "交易数量",
};

/** Holders grouped by their region, regions in code order (unknown region last). */
export function holdersByRegion(holders: readonly ReportHolderRow[]): ReportRegionHolders[] {
  const groups = new Map<string | null, ReportHolderRow[]>();
  for (const holder of holders) groups.set(holder.regionCode, [...(groups.get(holder.regionCode) ?? []), holder]);
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([regionCode, rows]) => ({
      regionCode,
      provinceCode: regionCode === null ? null : `${regionCode.slice(0, 2)}0000`,
      objectCount: rows.reduce((sum, row) => sum + row.objectCount, 0),
      holders: rows,
    }));
}
