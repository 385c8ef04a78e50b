import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import { assertWriteRole } from "../access/write-access.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import type { RecallNoticeRepository, RecallNoticeRow } from "../graph/recall-notice.repository.js";

export type { RecallNoticeRow };

/** Notices listed at once (a batch's holders; an organisation's newest). */
const LIMIT = 1000;

/**
 * Recall notices (issue 18 item 3): when a maker recalls a batch, every organisation its recallImpact reaches gets a
 * notice, in the recall's transaction, with the objects shipped to it and what to do. The holder reads and
 * acknowledges its own; the maker (and the operator, a regulator) sees every notice of the batch and who has
 * acknowledged. Anyone else sees none: a notice it may not see does not exist for it.
 */
export class RecallNoticeService {
  constructor(private readonly repository: RecallNoticeRepository) {}

  async notices(batchId: string | null, principal: Principal): Promise<RecallNoticeRow[]> {
    const scope = readScope(principal);
    if (batchId === null) {
      if (scope === undefined) {
        throw new BadUserInputError("batchId: name the batch whose notices to list", { field: "batchId" });
      }
      return this.repository.ofHolder(scope, LIMIT);
    }
    if (scope !== undefined) {
      // The batch's maker sees every notice; any other party only its own, selected by the statement itself.
      const [first] = await this.repository.ofBatch(batchId, null, 1);
      if (first?.manufacturerId !== scope) return this.repository.ofBatch(batchId, scope, LIMIT);
    }
    return this.repository.ofBatch(batchId, null, LIMIT);
  }

  async acknowledge(id: string, note: string | null, principal: Principal): Promise<RecallNoticeRow> {
    const notice = await this.repository.byId(id);
    const scope = readScope(principal);
    const visible = notice && (scope === undefined || scope === notice.holderId || scope === notice.manufacturerId);
    if (!notice || !visible) throw new NotFoundError(`no recall notice ${id}`);
    if (principal.role !== AccessRole.ADMIN && scope !== notice.holderId) {
      throw new ForbiddenError("a recall notice is acknowledged by the organisation it was sent to", {
        rule: "holder acknowledges",
      });
    }
    assertWriteRole(principal, [AccessRole.MANUFACTURER, AccessRole.PARTNER], "acknowledge a recall notice");
    const acknowledged = await this.repository.acknowledge(id, principal.credentialId, note?.trim() || null);
    if (!acknowledged) throw new NotFoundError(`no recall notice ${id}`);
    return acknowledged;
  }
}
