import type { AuditFindingRecord, AuditFindingRepository, FindingChange } from "../graph/audit-finding.repository.js";
import { SELF_NAMED, type OrganizationIdResolver } from "../registry/organization-aliases.js";
import { afterPosition, fetchSize, keysetPage, type Page } from "../graph/keyset-page.js";
import { checkPageSize } from "../paging/page-limits.js";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors/app-errors.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import { plainName } from "../registry/plain-name.js";
import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import { actorOf, assertMakerOf } from "../access/write-access.js";

export type { AuditFindingRecord };

export const AuditFindingState = { OPEN: "OPEN", CLOSED: "CLOSED" } as const;
export type AuditFindingState = (typeof AuditFindingState)[keyof typeof AuditFindingState];

export interface AuditFindingFilterInput {
  state?: AuditFindingState | null;
  manufacturerId?: string | null;
  batchId?: string | null;
}

const MAX_TEXT = 2_000;

/**
 * 内部审核: the findings audited changes open (a correction after release, a recall). The maker assigns and closes
 * its own (who closed, when, with what conclusion); the maker, the operator and regulators read them. Another
 * party's finding answers as one that does not exist (API-CONTRACT §6), a regulator's write is FORBIDDEN.
 */
export class AuditFindingService {
  constructor(
    private readonly findings: AuditFindingRepository,
    private readonly organizationId: OrganizationIdResolver = SELF_NAMED,
  ) {}

  async list(
    filter: AuditFindingFilterInput | null | undefined,
    first: number,
    after: string | null,
    principal: Principal,
  ): Promise<Page<AuditFindingRecord>> {
    checkPageSize(first, "findings");
    const position = afterPosition(after, ["datetime", "text"]);
    const rows = await this.findings.list(
      {
        state: filter?.state ?? null,
        manufacturerId: filter?.manufacturerId
          ? await this.organizationId(canonicalOrganizationId(filter.manufacturerId, "filter.manufacturerId"))
          : null,
        batchId: filter?.batchId?.trim() || null,
        after: position ? { at: String(position[0]), id: String(position[1]) } : null,
      },
      fetchSize(first),
      readScope(principal),
    );
    return keysetPage(rows, first, (f) => [f.openedAt, f.id]);
  }

  async close(id: string, conclusion: string, principal: Principal): Promise<AuditFindingRecord> {
    await this.findingToChange(id, principal);
    const { credentialId, organizationId } = actorOf(principal);
    const text = checkText(conclusion, "conclusion");
    const change = { conclusion: text, closedBy: credentialId, closedByOrganizationId: organizationId };
    return this.openOnly(id, await this.findings.close(id, change));
  }

  async assign(id: string, owner: string, principal: Principal): Promise<AuditFindingRecord> {
    await this.findingToChange(id, principal);
    return this.openOnly(id, await this.findings.assign(id, checkText(owner, "owner")));
  }

  /** The finding when the principal is its maker (or the operator): any other party's answers as unknown. */
  private async findingToChange(id: string, principal: Principal): Promise<AuditFindingRecord> {
    const missing = () => new NotFoundError(`audit finding ${id} does not exist`, { field: "id", value: id });
    const finding = await this.findings.byId(id);
    assertMakerOf(principal, finding?.manufacturerId ?? "", missing);
    if (!finding) throw missing();
    return finding;
  }

  private openOnly(id: string, change: FindingChange | null): AuditFindingRecord {
    if (!change) throw new NotFoundError(`audit finding ${id} does not exist`, { field: "id", value: id });
    if (change.before !== AuditFindingState.OPEN) {
      throw new ConflictError(`audit finding ${id} is closed`, { id, state: change.before });
    }
    return change.finding;
  }
}

function checkText(value: string, field: string): string {
  const text = plainName(value, field);
  if (text === "" || text.length > MAX_TEXT) {
    throw new BadUserInputError(`${field} must be 1 to ${MAX_TEXT} characters`, { field, rule: "length" });
  }
  return text;
}
