import type { Executor } from "./executor.js";
import type { Query } from "./query.js";
import * as Q from "./read-visibility.queries.js";

/** API-CONTRACT §6 for lookups by id: whether a party may see one thing (false as well when it does not exist). */
export class ReadVisibilityRepository {
  constructor(private readonly executor: Executor) {}

  objectVisible(key: string, scope: string): Promise<boolean> {
    return this.visible(Q.objectVisibleTo(key, scope));
  }

  batchVisible(id: string, scope: string): Promise<boolean> {
    return this.visible(Q.batchVisibleTo(id, scope));
  }

  productVisible(productId: string, scope: string): Promise<boolean> {
    return this.visible(Q.productVisibleTo(productId, scope));
  }

  organizationVisible(id: string, scope: string): Promise<boolean> {
    return this.visible(Q.organizationVisibleTo(id, scope));
  }

  private async visible(statement: Query): Promise<boolean> {
    const rows = await this.executor.read(statement);
    return rows[0]?.visible === true;
  }
}
