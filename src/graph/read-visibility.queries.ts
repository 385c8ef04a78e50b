import { query, type Query } from "./query.js";
import { visibleObject, visibleOrganization, visibleProduct } from "./visibility-cypher.js";

/**
 * API-CONTRACT §6 for the lookups by id (batch, product, code, mass balance, organisation): a party that cannot see
 * a thing gets the answer an unknown id gets. Each statement starts from the unique index of the thing looked up.
 */

/** Whether `$scope` may see the object `key` at all (a visible edge at it, or an event it is a party of). */
export function objectVisibleTo(key: string, scope: string): Query {
  return query(
    "visibility.objectVisibleTo",
    `MATCH (o:Obj {key: $key})
RETURN ${visibleObject("o")} AS visible`,
    { key, scope },
  );
}

/** Whether `$scope` may see batch `$id`: its manufacturer, or a party that may see the batch as an object. */
export function batchVisibleTo(id: string, scope: string): Query {
  return query(
    "visibility.batchVisibleTo",
    `MATCH (b:Batch {id: $id})
RETURN b.manufacturerId = $scope OR ${visibleObject("b")} AS visible`,
    { id, scope },
  );
}

export function productVisibleTo(productId: string, scope: string): Query {
  return query(
    "visibility.productVisibleTo",
    `MATCH (p:Product {id: $productId})
RETURN ${visibleProduct("p")} AS visible`,
    { productId, scope },
  );
}

/**
 * Whether `$scope` may see organisation `$id`: itself, a counterpart of a shipment the party took part in (either
 * way), or the manufacturer of a batch the party has something of.
 */
export function organizationVisibleTo(id: string, scope: string): Query {
  return query(
    "visibility.organizationVisibleTo",
    `MATCH (o:Organization {id: $id})
RETURN ${visibleOrganization("o")} AS visible`,
    { id, scope },
  );
}
