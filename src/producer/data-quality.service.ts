import { NotFoundError } from "../errors/app-errors.js";
import { afterPosition, fetchSize, keysetPage } from "../graph/keyset-page.js";
import { checkPageSize } from "../paging/page-limits.js";
import type { ProducerRepository } from "../graph/producer.repository.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import { batchQuality, manufacturerQuality, type BatchQuality, type ManufacturerQuality } from "./data-quality.js";
import type { RevisionRecord } from "./producer-model.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";

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

  async batchReport(batchId: string, principal: Principal): Promise<BatchQuality> {
    const [row] = await this.repository.qualityRows({ batchId });
    // Quality and audit are the maker's internal supervision: another party's batch answers as unknown.
    const scope = readScope(principal);
    if (!row || (scope !== undefined && row.product.manufacturerId !== scope)) {
      throw new NotFoundError(`batch ${batchId} does not exist`, { field: "batchId", value: batchId });
    }
    return batchQuality(row);
  }

  async manufacturerReport(manufacturerId: string, principal: Principal): Promise<ManufacturerQuality> {
    const id = await this.repository.organizationId(canonicalOrganizationId(manufacturerId, "manufacturerId"));
    const scope = readScope(principal);
    // Figures count visible things only: another maker's batches are none of the caller's.
    if (scope !== undefined && scope !== id) return manufacturerQuality(id, 0, []);
    const [rows, products] = await Promise.all([
      this.repository.qualityRows({ manufacturerId: id }),
      this.repository.productsOfManufacturer(id),
    ]);
    return manufacturerQuality(id, products.length, rows);
  }

  /** Newest first; keyset cursor on (at, id). */
  async auditLog(args: AuditLogArgs, principal: Principal): Promise<RevisionPage> {
    checkPageSize(args.first, "revisions");
    const scope = readScope(principal);
    if (scope !== undefined) {
      // A party reads the audit log of its own products only.
      if (args.manufacturerId && canonicalOrganizationId(args.manufacturerId, "manufacturerId") !== scope) {
        return keysetPage([], args.first, (r: RevisionRecord) => [r.at.toISOString(), r.id]);
      }
      args = { ...args, manufacturerId: scope };
    }
    const position = afterPosition(args.after, ["datetime", "text"]);
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
