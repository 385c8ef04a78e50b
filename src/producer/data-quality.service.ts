import { NotFoundError } from "../errors/app-errors.js";
import { afterPosition, fetchSize, keysetPage } from "../graph/keyset-page.js";
import { checkPageSize } from "../paging/page-limits.js";
import type { ProducerRepository } from "../graph/producer.repository.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import { batchQuality, manufacturerQuality, type BatchQuality, type ManufacturerQuality } from "./data-quality.js";
import type { RevisionRecord } from "./producer-model.js";

export interface AuditLogArgs {
  batchId: string | null;
  manufacturerId: string | null;
  correctionsOnly: boolean;
  first: number;
  after: string | null;
}

export interface RevisionPage {
  edges: { cursor: string; node: RevisionRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** 监督与改进: data-quality reports per batch and per manufacturer, and the audit log of revisions and corrections. */
export class DataQualityService {
  constructor(private readonly repository: ProducerRepository) {}

  async batchReport(batchId: string): Promise<BatchQuality> {
    const [row] = await this.repository.qualityRows({ batchId });
    if (!row) throw new NotFoundError(`batch ${batchId} does not exist`, { field: "batchId", value: batchId });
    return batchQuality(row);
  }

  async manufacturerReport(manufacturerId: string): Promise<ManufacturerQuality> {
    const id = canonicalOrganizationId(manufacturerId, "manufacturerId");
    const [rows, products] = await Promise.all([
      this.repository.qualityRows({ manufacturerId: id }),
      this.repository.productsOfManufacturer(id),
    ]);
    return manufacturerQuality(id, products.length, rows);
  }

  /** Newest first; keyset cursor on (at, id). */
  async auditLog(args: AuditLogArgs): Promise<RevisionPage> {
    checkPageSize(args.first, "revisions");
    const position = afterPosition(args.after, 2);
    const rows = await this.repository.auditLog({
      batchId: args.batchId,
      manufacturerId: args.manufacturerId ? canonicalOrganizationId(args.manufacturerId, "manufacturerId") : null,
      correctionsOnly: args.correctionsOnly,
      after: position ? { at: String(position[0]), id: String(position[1]) } : null,
      limit: fetchSize(args.first),
    });
    return keysetPage(rows, args.first, (r) => [r.at.toISOString(), r.id]);
  }
}
