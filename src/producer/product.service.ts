import { randomUUID } from "node:crypto";
import { changeProduct, type ProductPatch } from "./product-change.js";
import type { ProductRevisionRecord } from "../graph/producer.repository.js";
import { generateTraceCode, issuerPrefix, productKey } from "../codes/index.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../errors/app-errors.js";
import type { Page } from "../graph/keyset-page.js";
import { idPage } from "../paging/id-page.js";
import { canonicalOrganizationId } from "../registry/identifier-input.js";
import type { ProducerRepository } from "../graph/producer.repository.js";
import { rejectProblems, requiredText, type FieldProblem } from "./field-problem.js";
import { checkProductInfo } from "./product-info.js";
import type { ProductRecord } from "./producer-model.js";
import type { ProductRequest } from "./producer-requests.js";
import { AccessRole } from "../access/access-role.js";
import type { Principal } from "../access/principal.js";
import type { ReadAccess } from "../access/read-access.js";
import { PRODUCT_CATEGORIES, findProductCategory, type ProductCategory } from "./product-categories.js";
import { readScope } from "../access/read-scope.js";
import { actorOf, actsFor, assertMakerOf, assertWriteRole } from "../access/write-access.js";

/** 选择追溯模式 and 基本追溯信息 of a product model: checked at the edge, registered once (CONFLICT after). */
export interface ProductChangeRequest {
  productId: string;
  patch: ProductPatch;
  reason: string;
  /** An operator's name, kept as a note beside the authenticated actor. */
  note?: string | null;
}

export class ProductService {
  constructor(
    private readonly repository: ProducerRepository,
    private readonly readAccess: ReadAccess,
  ) {}

  async registerProduct(input: ProductRequest, principal: Principal): Promise<ProductRecord> {
    assertWriteRole(principal, [AccessRole.MANUFACTURER], "register products");
    const { info, problems } = checkProductInfo(input);
    if (!problems.some((p) => p.field === "input.manufacturerId")) {
      // Named by its USCC or a party GLN: the product is kept under the organisation's own id (issue 14 item 7).
      const maker = await this.repository.organization(info.manufacturerId);
      info.manufacturerId = maker.id;
      // A maker registers its own products only: another manufacturer id is a write outside the table.
      if (!actsFor(principal, maker.id)) {
        throw new ForbiddenError(`${principal.role} registers products of its own organisation only`, {
          field: "input.manufacturerId",
          rule: "own organisation",
        });
      }
      problems.push(...manufacturerProblems(maker));
    }
    rejectProblems(problems);
    // A GTIN names the product class in GS1 terms; without one the product's own trace code is its key (一品一码).
    const key = info.gtin ? productKey(info.gtin) : generateTraceCode("PRODUCT", issuerPrefix(info.manufacturerId));
    const { id, ...rest } = info;
    return this.repository.createProduct({ ...rest, id: id ?? info.gtin ?? key, key }, info.gtin === null);
  }

  /**
   * 基本信息 corrections of a product until one of its batches leaves the factory: the checks of registerProduct,
   * each change a revision (before, after, reason, actor); afterwards FORBIDDEN. Another maker's product is NOT_FOUND.
   */
  async updateProduct(request: ProductChangeRequest, principal: Principal): Promise<ProductRecord> {
    const missing = () =>
      new NotFoundError(`product ${request.productId} does not exist`, {
        field: "productId",
        value: request.productId,
      });
    const product = await this.repository.productById(request.productId.trim());
    if (!product) throw missing();
    assertMakerOf(principal, product.manufacturerId, missing);
    const problems: FieldProblem[] = [];
    const reason = requiredText(request.reason, "reason", problems);
    rejectProblems(problems);
    const { credentialId, organizationId } = actorOf(principal);
    await this.repository.changeProduct(product.id, ({ product: locked, released }) => {
      if (released) {
        throw new ForbiddenError(`product ${product.id} has batches that left the factory: its basic info is frozen`, {
          productId: product.id,
          rule: "frozen after release",
        });
      }
      const { next, changes, problems: found } = changeProduct(locked, request.patch);
      rejectProblems(found);
      if (Object.keys(changes).length === 0) return null;
      const at = new Date().toISOString();
      const note = request.note?.trim() || null;
      const revision = {
        id: `prev-${randomUUID()}`,
        at,
        reason,
        actor: credentialId,
        actorOrganizationId: organizationId,
        note,
        changes,
      };
      return { basics: next, revision };
    });
    return this.product(product.id);
  }

  async productRevisions(productId: string): Promise<ProductRevisionRecord[]> {
    return this.repository.productRevisions(productId);
  }

  async product(id: string): Promise<ProductRecord> {
    const product = await this.repository.productById(id.trim());
    if (!product) throw new NotFoundError(`product ${id} does not exist`, { field: "id", value: id });
    return product;
  }

  /** The product as `principal` may see it (API-CONTRACT §6): an invisible product is NOT_FOUND like an unknown one. */
  async productFor(id: string, principal: Principal): Promise<ProductRecord> {
    const product = await this.product(id);
    if (!(await this.readAccess.seesProduct(principal, product.id))) {
      throw new NotFoundError(`product ${id} does not exist`, { field: "id", value: id });
    }
    return product;
  }

  /** The key product categories and what each requires (productCategories), in table order. */
  categories(): readonly ProductCategory[] {
    return PRODUCT_CATEGORIES;
  }

  async productsOf(manufacturerId: string): Promise<ProductRecord[]> {
    return this.repository.productsOfManufacturer(manufacturerId.trim());
  }

  /** A manufacturer's products that `principal` may see (all for the maker itself, ADMIN and REGULATOR). */
  /**
   * `productList`: products in id order, filtered by maker and category (a code or exact name); a party gets those
   * it may see (API-CONTRACT §6, as `product(id)`), decided inside the statement.
   */
  async list(
    filter: { manufacturerId?: string | null; category?: string | null } | null | undefined,
    first: number,
    after: string | null | undefined,
    principal: Principal,
  ): Promise<Page<ProductRecord>> {
    const manufacturerId = filter?.manufacturerId
      ? await this.repository.organizationId(canonicalOrganizationId(filter.manufacturerId, "filter.manufacturerId"))
      : null;
    const category = filter?.category ? categoryCode(filter.category) : null;
    return idPage(first, after, (at) =>
      this.repository.productPage({ manufacturerId, category }, at, readScope(principal)),
    );
  }

  async productsFor(manufacturerId: string, principal: Principal): Promise<ProductRecord[]> {
    const scope = readScope(principal);
    return this.repository.productsOfManufacturer(manufacturerId.trim(), scope);
  }
}

/** The maker must be registered, as a MANUFACTURER, with a unified social credit code (its id or an identifier). */
function manufacturerProblems(org: { id: string; registered: boolean; roles: string[]; hasUscc: boolean }) {
  const field = "input.manufacturerId";
  const { id } = org;
  if (!org.registered) {
    return [{ field, rule: "registered organisation", message: `${id} is not a registered organisation` }];
  }
  if (!org.roles.includes("MANUFACTURER")) {
    return [{ field, rule: "manufacturer role", message: `${id} is not registered as a MANUFACTURER` }];
  }
  if (!org.hasUscc) {
    return [
      {
        field,
        rule: "maker has a USCC",
        message: `${id} has no unified social credit code: add it (addOrganizationIdentifiers) before registering products`,
      },
    ];
  }
  return [];
}

function categoryCode(codeOrName: string): string {
  const category = findProductCategory(codeOrName);
  if (!category) {
    throw new BadUserInputError(`filter.category: ${codeOrName.slice(0, 40)} is not a category of productCategories`, {
      field: "filter.category",
      rule: "category",
    });
  }
  return category.code;
}
