import type { ReadVisibilityRepository } from "../graph/read-visibility.repository.js";
import type { Principal } from "./principal.js";
import { readScope } from "./read-scope.js";

/**
 * API-CONTRACT §6 for the lookups by id: whether the caller may see one batch, product, object or organisation.
 * ADMIN and REGULATOR see everything; any other party sees what the rule grants it, and an answer for a thing it
 * cannot see must be the answer for an unknown id, so that nothing reveals the thing exists.
 */
export class ReadAccess {
  constructor(private readonly visibility: ReadVisibilityRepository) {}

  async seesBatch(principal: Principal, batchId: string): Promise<boolean> {
    const scope = readScope(principal);
    return scope === undefined || this.visibility.batchVisible(batchId, scope);
  }

  async seesProduct(principal: Principal, productId: string): Promise<boolean> {
    const scope = readScope(principal);
    return scope === undefined || this.visibility.productVisible(productId, scope);
  }

  async seesObject(principal: Principal, key: string): Promise<boolean> {
    const scope = readScope(principal);
    return scope === undefined || this.visibility.objectVisible(key, scope);
  }

  async seesOrganization(principal: Principal, organizationId: string): Promise<boolean> {
    const scope = readScope(principal);
    return scope === undefined || this.visibility.organizationVisible(organizationId, scope);
  }
}
