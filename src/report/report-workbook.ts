import ExcelJS from "exceljs";
import type { TraceReport } from "./trace-report.js";

type Cell = string | number | null;

/** The workbook's sheets: Chinese names, English in each sheet's second header row. */
export const REPORT_SHEETS = {
  product: "产品与批次",
  transactions: "交易记录",
  holders: "持有者分布",
  recall: "召回范围",
} as const;

/**
 * The report as an XLSX workbook (exceljs): one sheet per section, each with a Chinese header row and the English
 * header beneath it, then one row per fact, transaction, holder or affected organisation.
 */
export async function reportWorkbook(report: TraceReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tracegraph";
  workbook.title = `追溯报告 ${report.batch.batchNo}`;
  workbook.created = new Date(report.generatedAt);
  sheet(workbook, REPORT_SHEETS.product, ["数据元", "值"], ["Data element", "Value"], productRows(report));
  sheet(
    workbook,
    REPORT_SHEETS.transactions,
    [
      "交易时间",
      "供货方",
      "供货方名称",
      "购货方",
      "购货方名称",
      "产品名称",
      "规格型号",
      "生产批号",
      "交易数量",
      "交易地点",
      "地区代码",
      "事件标识",
      "标识",
    ],
    [
      "Time",
      "Supplier",
      "Supplier name",
      "Buyer",
      "Buyer name",
      "Product",
      "Model",
      "Batch No.",
      "Quantity",
      "Place",
      "Region code",
      "Event ID",
      "Objects",
    ],
    report.transactions.map((t) => [
      t.time,
      t.supplier?.id ?? null,
      t.supplier?.name ?? null,
      t.buyer.id,
      t.buyer.name,
      t.product.name,
      t.product.model,
      t.product.batchNo,
      t.quantity,
      t.place.name ?? t.place.locationId,
      t.place.regionCode,
      t.eventId,
      t.objects.join(" "),
    ]),
  );
  sheet(
    workbook,
    REPORT_SHEETS.holders,
    ["省级代码", "地区代码", "持有者", "持有者名称", "持有数量"],
    ["Province", "Region code", "Holder", "Holder name", "Objects held"],
    report.holdersByRegion.flatMap((region) =>
      region.holders.map((h) => [region.provinceCode, region.regionCode, h.organizationId, h.name, h.objectCount]),
    ),
  );
  sheet(
    workbook,
    REPORT_SHEETS.recall,
    ["项目", "值", "涉及企业", "企业名称", "地区代码", "涉及数量"],
    ["Item", "Value", "Organisation", "Name", "Region code", "Objects"],
    recallRows(report),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function sheet(workbook: ExcelJS.Workbook, name: string, chinese: string[], english: string[], rows: Cell[][]): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 2 }] });
  ws.addRow(chinese).font = { bold: true };
  ws.addRow(english).font = { italic: true };
  for (const row of rows) ws.addRow(row);
  ws.columns.forEach((column) => {
    column.width = 18;
  });
}

function productRows(report: TraceReport): Cell[][] {
  const { product, batch } = report;
  const rows: [string, string, Cell][] = [
    ["报告编号", "Report ID", report.reportId],
    ["报告类型", "Report kind", report.kind === "RECALL" ? "召回追溯报告 RECALL" : "批次追溯报告 BATCH"],
    ["生成时间", "Generated at", report.generatedAt],
    ["视图", "View", report.view],
    ["产品编号", "Product ID", product.id],
    ["产品名称", "Product name", product.name],
    ["商标", "Brand", product.brand],
    ["规格型号", "Model", product.model],
    ["产品类别", "Category", product.categoryName],
    ["执行标准", "Standard No.", product.standardNo],
    ["商品条码", "GTIN", product.gtin],
    ["追溯模式", "Trace mode", product.traceMode],
    ["生产企业", "Manufacturer", product.manufacturer.name],
    ["统一社会信用代码", "USCC", product.manufacturer.uscc],
    ["生产企业地区", "Manufacturer region", product.manufacturer.regionCode],
    ["批次编号", "Batch ID", batch.id],
    ["生产批号", "Batch No.", batch.batchNo],
    ["生产日期", "Production date", batch.productionDate],
    ["数量", "Quantity", batch.quantity],
    ["单位", "Unit", batch.unit],
    ["批次状态", "Status", batch.status],
    ["生产许可证编号", "Licence No.", batch.licenceNo],
    ["CCC 证书编号", "CCC certificate No.", batch.cccCertNo],
    ["追溯码数量", "Codes issued", batch.codeCount],
    ["出厂时间", "Released at", batch.releasedAt],
    ["检验结果", "Inspection result", batch.inspection.result],
    ["检验结论", "Inspection status", batch.inspection.status],
    ["检验报告编号", "Inspection report No.", batch.inspection.reportNo],
    ["检验机构", "Inspection agency", batch.inspection.agency],
    ["检验日期", "Inspection date", batch.inspection.date],
    ["零部件", "Components", batch.components.join(" ")],
  ];
  return rows.map(([zh, en, value]) => [`${zh} ${en}`, value]);
}

function recallRows(report: TraceReport): Cell[][] {
  const { recall } = report;
  const facts: Cell[][] = [
    ["召回起点 Root", recall.root],
    ["已召回 Recalled", recall.recalled ? "是 yes" : "否 no"],
    ["召回原因 Reason", recall.reason],
    ["处置建议 Advice", recall.advice],
    ["召回时间 Recalled at", recall.recalledAt],
    ["影响对象数 Affected", recall.affectedCount],
    ["确定 CERTAIN", recall.certainCount],
    ["可能 POSSIBLE", recall.possibleCount],
    ["涉及地区 Regions", recall.regions.join(" ")],
  ];
  const organizations: Cell[][] = recall.organizations.map(({ organization, objectCount }) => [
    null,
    null,
    organization.id,
    organization.name,
    organization.regionCode,
    objectCount,
  ]);
  return [...facts, ...organizations];
}
