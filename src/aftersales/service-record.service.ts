import { randomUUID } from "node:crypto";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import type { ReadAccess } from "../access/read-access.js";
import { readScope } from "../access/read-scope.js";
import { actsFor, assertWriteRole } from "../access/write-access.js";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import type { Page } from "../graph/keyset-page.js";
import type { AfterSalesRepository, ObjectOwnerRow, ServiceRecordRow } from "../graph/after-sales.repository.js";
import { idPage } from "../paging/id-page.js";
import { assertNotInFuture } from "../producer/not-in-future.js";
import type { ProductRecord } from "../producer/producer-model.js";
import type { ProductService } from "../producer/product.service.js";
import { canonicalOrganizationId, parseInputIdentifier } from "../registry/identifier-input.js";
import { plainName } from "../registry/plain-name.js";
import type { ServiceRequest } from "./after-sales-requests.js";
import { ServiceKind } from "./service-kind.js";

export interface ServiceRecord extends ServiceRecordRow {
  /** True when the service id was recorded before: nothing was written, this is the first record. */
  duplicate: boolean;
}

const SERVICE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const MAX_NOTE = 1000;
const MAX_TERMS = 2000;
const MAX_WARRANTY_MONTHS = 240;

/**
 * 售后服务 for makers and the service partners they authorise: warranty terms on a product, service partners, and
 * service records (repair, return, replacement) on a code. Writes follow API-CONTRACT §6: a maker writes on what it
 * makes; a PARTNER only as a service partner its maker authorised; a code the caller cannot see is NOT_FOUND.
 * Records are read by the code's maker, by whoever wrote them, and by ADMIN and REGULATOR.
 */
export class ServiceRecordService {
  constructor(
    private readonly repository: AfterSalesRepository,
    private readonly products: ProductService,
    private readonly readAccess: ReadAccess,
  ) {}

  /** The warranty months and after-sales terms consumer pages show; the product's maker sets them at any time. */
  async setProductWarranty(
    productId: string,
    months: number | null,
    terms: string | null,
    principal: Principal,
  ): Promise<ProductRecord> {
    const notFound = () => new NotFoundError(`product ${productId} does not exist`, { field: "productId" });
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "set warranty terms");
    const product = await this.products.product(productId).catch(() => null);
    if (!product || !actsFor(principal, product.manufacturerId)) throw notFound();
    if (months !== null && (!Number.isInteger(months) || months < 0 || months > MAX_WARRANTY_MONTHS)) {
      throw new BadUserInputError(`warrantyMonths must be from 0 to ${MAX_WARRANTY_MONTHS}`, {
        field: "warrantyMonths",
        rule: "range",
      });
    }
    const text = terms === null ? null : plainTerms(terms);
    return this.repository.setProductWarranty(product.id, months, text);
  }

  /** A maker allows (or stops allowing) a partner to record services on its products. */
  async authorizeServicePartner(
    partnerId: string,
    allowed: boolean,
    manufacturerId: string | null,
    principal: Principal,
  ): Promise<boolean> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "authorise service partners");
    const maker = manufacturerId ? canonicalOrganizationId(manufacturerId, "manufacturerId") : principal.organizationId;
    if (!maker) {
      throw new BadUserInputError("manufacturerId is required for the operator", {
        field: "manufacturerId",
        rule: "required",
      });
    }
    if (!actsFor(principal, maker)) {
      throw new ForbiddenError("a maker authorises its own service partners", {
        field: "manufacturerId",
        rule: "own organisation",
      });
    }
    const partner = canonicalOrganizationId(partnerId, "partnerId");
    if (!(await this.repository.setServicePartner(maker, partner, allowed))) {
      throw new NotFoundError("both organisations must be registered", { field: "partnerId" });
    }
    return allowed;
  }

  async recordService(request: ServiceRequest, principal: Principal): Promise<ServiceRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER, AccessRole.PARTNER], "record after-sales services");
    const parsed = parseInputIdentifier(request.code, "input.code");
    if (!Object.values(ServiceKind).includes(request.kind)) {
      throw new BadUserInputError("input.kind must be REPAIR, RETURN or REPLACEMENT", { field: "input.kind" });
    }
    const performedAt = request.performedAt ?? new Date();
    assertNotInFuture(performedAt, "input.performedAt");
    const note = request.note?.trim() ? plainName(request.note, "input.note") : null;
    if (note !== null && note.length > MAX_NOTE) {
      throw new BadUserInputError(`input.note is longer than ${MAX_NOTE} characters`, {
        field: "input.note",
        rule: `at most ${MAX_NOTE} characters`,
      });
    }
    const serviceId = request.serviceId?.trim() || null;
    if (serviceId !== null && !SERVICE_ID.test(serviceId)) {
      throw new BadUserInputError("input.serviceId: use 1-100 letters, digits, `.`, `_`, `:` or `-`", {
        field: "input.serviceId",
        rule: "service id",
      });
    }
    const notFound = () => new NotFoundError(`${parsed.key} is not known`, { field: "input.code" });
    const owner = await this.repository.objectOwner(parsed.key);
    if (!owner) throw notFound();
    await this.assertMayService(owner, principal, notFound);
    const id = `service:${principal.organizationId ?? "operator"}:${serviceId ?? randomUUID()}`;
    const stored = await this.repository.recordService({
      id,
      objectKey: parsed.key,
      kind: request.kind,
      note,
      performedAt: performedAt.toISOString(),
      actor: principal.credentialId,
      actorOrganizationId: principal.organizationId,
      manufacturerId: owner.manufacturerId,
      batchId: owner.batchId,
      productId: owner.productId,
    });
    if (!stored) throw notFound();
    if (!stored.created && stored.record.objectKey !== parsed.key) {
      throw new ConflictError(`service id ${serviceId ?? ""} was used for another code`, {
        field: "input.serviceId",
        rule: "one code per service id",
      });
    }
    return { ...stored.record, duplicate: !stored.created };
  }

  /** `serviceRecords(code | batchId)`: in id order, those the caller may see (see the class comment). */
  async serviceRecords(
    filter: { code?: string | null; batchId?: string | null },
    first: number,
    after: string | null | undefined,
    principal: Principal,
  ): Promise<Page<ServiceRecordRow>> {
    const code = filter.code?.trim() || null;
    const batchId = filter.batchId?.trim() || null;
    if ((code === null) === (batchId === null)) {
      throw new BadUserInputError("give exactly one of code and batchId", { field: "code", rule: "one filter" });
    }
    const objectKey = code === null ? null : parseInputIdentifier(code, "code").key;
    const scope = readScope(principal);
    return idPage(first, after, (at) => this.repository.serviceRecordPage({ objectKey, batchId }, at, scope));
  }

  /**
   * The maker of the code, or a PARTNER the maker authorised, may record a service; ADMIN anything. Anyone else gets
   * FORBIDDEN when it can see the code, NOT_FOUND when it cannot (nothing invisible is revealed).
   */
  private async assertMayService(owner: ObjectOwnerRow, principal: Principal, notFound: () => Error): Promise<void> {
    if (principal.role === AccessRole.ADMIN) return;
    const maker = owner.manufacturerId;
    if (maker !== null && principal.role === AccessRole.MANUFACTURER && actsFor(principal, maker)) return;
    if (
      maker !== null &&
      principal.role === AccessRole.PARTNER &&
      principal.organizationId !== null &&
      (await this.repository.serviceAuthorized(maker, principal.organizationId))
    ) {
      return;
    }
    if (!(await this.readAccess.seesObject(principal, owner.key))) throw notFound();
    throw new ForbiddenError("only the maker or a service partner it authorised records services on this code", {
      field: "input.code",
      rule: "maker or authorised service partner",
    });
  }
}

function plainTerms(terms: string): string | null {
  // Terms are paragraphs: line breaks are allowed, other control characters are not.
  const text = terms.replace(/\r\n?/g, "\n").trim();
  for (const line of text.split("\n")) plainName(line, "warrantyTerms");
  if (text.length > MAX_TERMS) {
    throw new BadUserInputError(`warrantyTerms is longer than ${MAX_TERMS} characters`, {
      field: "warrantyTerms",
      rule: `at most ${MAX_TERMS} characters`,
    });
  }
  return text || null;
}
