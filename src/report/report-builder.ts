import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import type { ReportOrganization, ReportRepository, ReportShipmentRow } from "../graph/report.repository.js";
import type { BatchRecord, ProductRecord } from "../producer/producer-model.js";
import type { BatchService } from "../producer/batch.service.js";
import type { ProductService } from "../producer/product.service.js";
import type { RecallService } from "../recall/recall.service.js";
import type { OrganizationService } from "../registry/organization.service.js";
import { isUsccKey } from "../registry/organization-identifier.js";
import {
  REPORT_LABELS,
  holdersByRegion,
  type ReportBatch,
  type ReportKind,
  type ReportProduct,
  type ReportRecall,
  type ReportTransaction,
  type TraceReport,
} from "./trace-report.js";

/** What a report job was asked: by whom, of which batch, rooted where (the batch's key, or the recalled code). */
export interface ReportRequest {
  reportId: string;
  kind: ReportKind;
  batchId: string;
  rootKey: string;
  principal: Principal;
}

/** Where a report's facts come from: the producer's records, the registry, the recall, the report's own reads. */
export interface ReportSources {
  batches: BatchService;
  products: ProductService;
  organizations: OrganizationService;
  recall: RecallService;
  reports: ReportRepository;
}

/** Objects read per page when the recall's affected set is graded (CERTAIN / POSSIBLE). */
const RECALL_PAGE = 5_000;

/**
 * Gathers a report's sections, each as the requester may see it (API-CONTRACT §6: the regulator the whole chain, the
 * batch's maker what its own recallImpact shows). One method per section, so a job can count its progress.
 */
export class ReportBuilder {
  constructor(private readonly sources: ReportSources) {}

  async productAndBatch(request: ReportRequest): Promise<{ product: ReportProduct; batch: ReportBatch }> {
    const batch = await this.sources.batches.batch(request.batchId);
    const product = await this.sources.products.product(batch.productId);
    const [maker] = await this.sources.organizations.organizationsByIds([product.manufacturerId]);
    const manufacturer: ReportOrganization = {
      id: product.manufacturerId,
      name: maker?.name ?? null,
      regionCode: maker?.regionCode ?? null,
      identifiers: maker?.identifiers ?? [],
    };
    const uscc = [manufacturer.id, ...manufacturer.identifiers].find(isUsccKey) ?? null;
    return { product: productSection(product, { ...manufacturer, uscc }), batch: batchSection(batch) };
  }

  async transactions(request: ReportRequest, product: ReportProduct, batch: ReportBatch): Promise<ReportTransaction[]> {
    const rows = await this.sources.reports.shipments(request.rootKey, readScope(request.principal));
    return rows.map((row) => transaction(row, product, batch));
  }

  async holders(request: ReportRequest, product: ReportProduct) {
    const rows = await this.sources.reports.holders(
      request.rootKey,
      product.manufacturer.id,
      readScope(request.principal),
    );
    return holdersByRegion(rows);
  }

  async recall(request: ReportRequest): Promise<ReportRecall> {
    const { principal, rootKey } = request;
    const [impact, facts] = await Promise.all([
      this.sources.recall.impact(rootKey, principal),
      this.sources.reports.batchRecall(request.batchId),
    ]);
    let certain = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.sources.recall.objectsAfter(rootKey, RECALL_PAGE, after, principal);
      certain += page.slice(0, RECALL_PAGE).filter((row) => row.certain).length;
      if (page.length <= RECALL_PAGE) break;
      after = page[RECALL_PAGE - 1]!.key;
    }
    return {
      root: rootKey,
      recalled: facts.status === "RECALLED",
      reason: facts.reason,
      advice: facts.advice,
      recalledAt: facts.recalledAt,
      affectedCount: impact.totalCount,
      certainCount: certain,
      possibleCount: impact.totalCount - certain,
      organizations: impact.organizations.map(({ organization, objectCount }) => ({
        organization: {
          id: String(organization.id),
          name: (organization.name as string | null | undefined) ?? null,
          regionCode: (organization.regionCode as string | null | undefined) ?? null,
          identifiers: (organization.identifiers as string[] | undefined) ?? [],
        },
        objectCount,
      })),
      regions: impact.regions,
    };
  }

  /** The whole report, section by section; `step` is told after each (a job's progress). */
  async build(request: ReportRequest, step: (index: number) => Promise<void> = async () => {}): Promise<TraceReport> {
    const { product, batch } = await this.productAndBatch(request);
    await step(1);
    const transactions = await this.transactions(request, product, batch);
    await step(2);
    const holders = await this.holders(request, product);
    await step(3);
    const recall = await this.recall(request);
    await step(4);
    return {
      reportType: "TRACE_REPORT",
      reportId: request.reportId,
      kind: request.kind,
      generatedAt: new Date().toISOString(),
      requestedBy: { role: request.principal.role, organizationId: request.principal.organizationId },
      view: readScope(request.principal) ?? "ALL",
      product,
      batch,
      transactions,
      holdersByRegion: holders,
      recall,
      labels: REPORT_LABELS,
    };
  }
}

function productSection(product: ProductRecord, manufacturer: ReportProduct["manufacturer"]): ReportProduct {
  return {
    id: product.id,
    name: product.name,
    brand: product.brand,
    model: product.model,
    category: product.category,
    categoryName: product.categoryName,
    gtin: product.gtin,
    standardNo: product.standardNo,
    traceMode: product.traceMode,
    manufacturer,
  };
}

function batchSection(batch: BatchRecord): ReportBatch {
  return {
    id: batch.id,
    batchNo: batch.batchNo,
    productionDate: batch.productionDate,
    quantity: batch.quantity,
    unit: batch.unit,
    status: batch.status,
    licenceNo: batch.licenceNo,
    cccCertNo: batch.cccCertNo,
    codeCount: batch.codeCount,
    releasedAt: batch.releasedAt?.toISOString() ?? null,
    components: batch.components,
    extended: batch.extended,
    inspection: {
      result: batch.inspectionResult,
      status: batch.inspectionStatus,
      reportNo: batch.inspectionReportNo,
      agency: batch.inspectionAgency,
      date: batch.inspectionDate,
      reportRef: batch.inspectionReportRef,
    },
  };
}

function transaction(row: ReportShipmentRow, product: ReportProduct, batch: ReportBatch): ReportTransaction {
  return {
    eventId: row.eventId,
    time: row.at,
    bizStep: row.bizStep ?? "shipping",
    supplier: row.from,
    buyer: row.to,
    product: { id: product.id, name: product.name, model: product.model, batchNo: batch.batchNo },
    quantity: row.objects.length,
    unit: "objects",
    objects: row.objects.map((o) => o.key),
    place: {
      locationId: row.place?.id ?? null,
      name: row.place?.name ?? null,
      // Without a registered place, where the goods went from: the supplier's region.
      regionCode: row.place?.regionCode ?? row.from?.regionCode ?? null,
    },
  };
}
