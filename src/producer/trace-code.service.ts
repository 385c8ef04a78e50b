import { renderQrSvg } from "../codes/index.js";
import { NotFoundError, ForbiddenError } from "../errors/app-errors.js";
import { afterPosition, fetchSize, keysetPage } from "../graph/keyset-page.js";
import { checkPageSize } from "../paging/page-limits.js";
import type { CodeRow, TraceCodeRepository } from "../graph/trace-code.repository.js";
import { parseInputIdentifier } from "../registry/identifier-input.js";
import { codeUrl } from "./code-url.js";
import type { CodeIssueRecord } from "./code-issuance.service.js";
import { requiredText, rejectProblems, type FieldProblem } from "./field-problem.js";
import type { TraceCodeRecord } from "./producer-model.js";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import type { ReadAccess } from "../access/read-access.js";
import { actorOf, actsFor, assertMakerOfCodes, assertWriteRole, eventActor } from "../access/write-access.js";

export interface TraceCodePage {
  edges: { cursor: string; node: TraceCodeRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Batch-wide status changes are chunked like issuance: bounded transactions however many codes a batch has. */
const PRINT_CHUNK = 10_000;

/** Looking codes up, paging an issuance's codes, and the lifecycle: printed, void (active comes with release). */
export class TraceCodeService {
  constructor(
    private readonly repository: TraceCodeRepository,
    private readonly publicBaseUrl: string,
    private readonly readAccess: ReadAccess,
  ) {}

  async traceCode(code: string): Promise<TraceCodeRecord | null> {
    const key = parseInputIdentifier(code, "code").key;
    const [row] = await this.repository.codesByKeys([key]);
    return row ? this.withUrl(row) : null;
  }

  /** A code as `principal` may see it: null when unknown or invisible to the caller (API-CONTRACT §6). */
  async traceCodeFor(code: string, principal: Principal): Promise<TraceCodeRecord | null> {
    const key = parseInputIdentifier(code, "code").key;
    const [row] = await this.repository.codesByKeys([key]);
    if (!row || !(await this.readAccess.seesObject(principal, key))) return null;
    return this.withUrl(row);
  }

  /** Keyset page of an issuance's codes, ordered by value. */
  /**
   * Valid item codes are secrets until applied (whoever holds them can print convincing fakes): code lists go to
   * the maker of their batch only, and to the operator. A regulator may see the batch but not list its codes.
   */
  private assertCodeListReader(makers: ReadonlyMap<string, string | null>, principal: Principal, missing: () => Error) {
    if (principal.role === AccessRole.ADMIN) return;
    if ([...makers.values()].every((maker) => actsFor(principal, maker))) return;
    if (principal.role === AccessRole.REGULATOR) {
      throw new ForbiddenError("code lists go to the batch's maker only", { rule: "maker only" });
    }
    throw missing();
  }

  async codesOfIssue(
    issue: CodeIssueRecord,
    first: number,
    after: string | null,
    principal: Principal,
  ): Promise<TraceCodePage> {
    const afterValue = this.position(first, after);
    const rows = issue.keys
      ? (await this.repository.codesByKeys(issue.keys)).filter((r) => afterValue === null || r.value > afterValue)
      : await this.repository.codesOfIssue(issue.issueId, afterValue, fetchSize(first));
    const makers = await this.repository.makersOfCodes(rows.map((r) => r.value));
    const missing = () => new NotFoundError(`issuance ${issue.issueId} does not exist`, { field: "issueId" });
    this.assertCodeListReader(makers, principal, missing);
    return this.page(rows, first);
  }

  /** Keyset page of a batch's codes (optionally of one type), ordered by value. */
  async codesOfBatch(
    batchId: string,
    codeType: string | null,
    first: number,
    after: string | null,
    principal: Principal,
    /** Only codes in this status (GENERATED, PRINTED, ACTIVE, VOID...). */
    status: string | null = null,
  ) {
    const key = await this.repository.batchKey(batchId);
    const missing = () => new NotFoundError(`batch ${batchId} does not exist`, { field: "batchId", value: batchId });
    if (!key) throw missing();
    this.assertCodeListReader(await this.repository.makersOfCodes([key]), principal, missing);
    const afterValue = this.position(first, after);
    return this.page(
      await this.repository.codesOfBatch(batchId, { codeType, status }, afterValue, fetchSize(first)),
      first,
    );
  }

  private position(first: number, after: string | null): string | null {
    checkPageSize(first, "codes");
    const position = afterPosition(after, ["text"]);
    return position === null ? null : String(position[0]);
  }

  private page(rows: CodeRow[], first: number): TraceCodePage {
    const page = keysetPage(rows.slice(0, fetchSize(first)), first, (row) => [row.value]);
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: this.withUrl(edge.node) })) };
  }

  async voidCode(code: string, reason: string, principal: Principal): Promise<TraceCodeRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "void codes");
    const problems: FieldProblem[] = [];
    const why = requiredText(reason, "reason", problems);
    rejectProblems(problems);
    const key = parseInputIdentifier(code, "code").key;
    const notIssued = () => new NotFoundError(`${key} is not an issued code`, { field: "code", value: code });
    if (principal.role !== AccessRole.ADMIN) {
      assertMakerOfCodes(principal, await this.repository.makersOfCodes([key]), notIssued);
    }
    const row = await this.repository.voidCode(key, why, eventActor(actorOf(principal)));
    if (!row) throw new NotFoundError(`${key} is not an issued code`, { field: "code", value: code });
    return this.withUrl(row);
  }

  /**
   * 打印: the batch's GENERATED codes become PRINTED, all of them or only `codes` (each must be one of the batch's
   * printable codes); returns how many changed, so a repeated call answers 0. The maker's explicit step: downloading
   * a label sheet or code list never marks anything (a GET changes no data).
   */
  async markCodesPrinted(batchId: string, codes: readonly string[] | null, principal: Principal): Promise<number> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "mark codes printed");
    const keys = (codes ?? []).map((code, i) => parseInputIdentifier(code, `codes[${i}]`).key);
    await this.assertOwnBatch(batchId, principal);
    if (codes === null) return this.repository.markBatchPrinted(batchId, PRINT_CHUNK);
    const [outside] = await this.repository.codesOutsideBatch(batchId, keys);
    if (outside !== undefined) {
      throw new NotFoundError(`${outside} is not a code of batch ${batchId}`, { field: "codes", value: outside });
    }
    return keys.length ? this.repository.markPrinted(keys) : 0;
  }

  /** A batch's maker is the maker of its own key's product: the batch node carries its product id. */
  async assertMakerOfBatch(batchId: string, principal: Principal): Promise<void> {
    if (principal.role === AccessRole.ADMIN) return;
    await this.assertOwnBatch(batchId, principal);
  }

  /** NOT_FOUND for an unknown batch, or one of another maker's (to a maker it does not exist). */
  private async assertOwnBatch(batchId: string, principal: Principal): Promise<void> {
    const key = await this.repository.batchKey(batchId);
    const missing = () => new NotFoundError(`batch ${batchId} does not exist`, { field: "batchId", value: batchId });
    if (!key) throw missing();
    if (principal.role === AccessRole.ADMIN) return;
    assertMakerOfCodes(principal, await this.repository.makersOfCodes([key]), missing);
  }

  async qrSvg(code: TraceCodeRecord): Promise<string> {
    return renderQrSvg(code.url);
  }

  private withUrl(row: CodeRow): TraceCodeRecord {
    return { ...row, url: codeUrl(this.publicBaseUrl, row.value) };
  }
}
