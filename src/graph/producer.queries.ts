import neo4j from "neo4j-driver";
import type { BatchNode, ProductNode } from "./producer.repository.js";
import { query, type Query } from "./query.js";
import { visibleProduct } from "./visibility-cypher.js";

/**
 * Cypher of the producer's flow (API-CONTRACT §5): products, batches, their trace info and its audit trail. Every
 * value is a parameter; the statements run through ProducerRepository (codes are in trace-code.queries.ts). Native
 * objects use the labels and flow edges of flow-model.ts, so traces, recall and diversion treat them like EPCIS ones.
 */

// ---------------------------------------------------------------- products

/** By id or by a further identifier (issue 14 item 7); `id` is the organisation's own, `hasUscc` whether it has one. */
const ORGANIZATION = `
OPTIONAL MATCH (alias:OrgIdentifier {value: $id})
OPTIONAL MATCH (o:Organization {id: coalesce(alias.organizationId, $id)})
RETURN o IS NOT NULL AND o.name IS NOT NULL AS registered, coalesce(o.roles, []) AS roles, o.id AS id,
       coalesce(o.id STARTS WITH "uscc:" OR any(x IN coalesce(o.identifiers, []) WHERE x STARTS WITH "uscc:"), false)
         AS hasUscc`;

export function organization(id: string): Query {
  return query("producer.organization", ORGANIZATION, { id });
}

const PRODUCT_IDENTITY = `
OPTIONAL MATCH (byId:Product {id: $id})
OPTIONAL MATCH (byKey:Obj {key: $key})
RETURN byId IS NOT NULL AS idTaken, coalesce(byKey:Product, false) AS keyTaken, byKey.kind AS keyKind`;

export function productIdentity(id: string, key: string): Query {
  return query("producer.productIdentity", PRODUCT_IDENTITY, { id, key });
}

/**
 * MERGE adopts an object captured from EPCIS under the same key; `taken` reports a product that got there first
 * (a concurrent registration waits on the key's constraint lock, then sees it), and then nothing is written.
 */
const CREATE_PRODUCT = `
MATCH (m:Organization {id: $product.manufacturerId})
MERGE (p:Obj {key: $product.key})
ON CREATE SET p.createdAt = datetime()
WITH m, p, p:Product AS taken
CALL (m, p, taken) {
  WITH m, p WHERE NOT taken
  SET p:Product, p += $product, p.kind = "PRODUCT", p.registeredAt = datetime()
  FOREACH (_ IN CASE WHEN $isCode THEN [1] ELSE [] END | SET p:Code, p.value = p.key)
  MERGE (p)-[:MADE_BY]->(m)
}
RETURN taken, p {.*} AS product`;

export function createProduct(product: ProductNode, isCode: boolean): Query {
  return query("producer.createProduct", CREATE_PRODUCT, { product, isCode });
}

const PRODUCT_BY_ID = `
MATCH (p:Product {id: $id})
RETURN p {.*} AS product`;

export function productById(id: string): Query {
  return query("producer.productById", PRODUCT_BY_ID, { id });
}

/** A manufacturer's products by id; with a scope, those the party may see (API-CONTRACT §6). */
export function productsOfManufacturer(manufacturerId: string, scope?: string): Query {
  if (scope === undefined) {
    return query(
      "producer.products",
      `MATCH (p:Product {manufacturerId: $manufacturerId})
RETURN p {.*} AS product
ORDER BY p.id`,
      { manufacturerId },
    );
  }
  return query(
    "producer.productsScoped",
    `MATCH (p:Product {manufacturerId: $manufacturerId})
WHERE ${visibleProduct("p")}
RETURN p {.*} AS product
ORDER BY p.id`,
    { manufacturerId, scope },
  );
}

/** The product under its write lock, and whether any of its batches has left the factory (frozen from then on). */
const LOCK_PRODUCT = `
MATCH (p:Product {id: $id})
SET p.locked = true
REMOVE p.locked
RETURN p {.*} AS product,
       EXISTS { MATCH (b:Batch {productId: p.id}) WHERE b.status IN ["RELEASED", "RECALLED"] } AS released`;

export function lockProduct(id: string): Query {
  return query("producer.lockProduct", LOCK_PRODUCT, { id });
}

/** A product revision as stored: who, why, and `changes` as JSON. */
export interface ProductRevisionWrite {
  id: string;
  at: string;
  reason: string;
  actor: string;
  actorOrganizationId: string | null;
  note: string | null;
  changes: string;
}

const UPDATE_PRODUCT = `
MATCH (p:Product {id: $id})
SET p += $basics, p.updatedAt = datetime($revision.at)
CREATE (r:ProductRevision)
SET r = $revision, r.at = datetime($revision.at), r.productId = p.id, r.manufacturerId = p.manufacturerId
CREATE (p)-[:HAS_REVISION]->(r)`;

/** Corrected basic fields of a product and their revision, in one statement. */
export function updateProduct(id: string, basics: Record<string, unknown>, revision: ProductRevisionWrite): Query {
  return query("producer.updateProduct", UPDATE_PRODUCT, { id, basics, revision });
}

const PRODUCT_REVISIONS = `
MATCH (:Product {id: $id})-[:HAS_REVISION]->(r:ProductRevision)
RETURN r {.*} AS revision
ORDER BY r.at, r.id`;

export function productRevisions(id: string): Query {
  return query("producer.productRevisions", PRODUCT_REVISIONS, { id });
}

// ---------------------------------------------------------------- batches

const BATCH_IDENTITY = `
OPTIONAL MATCH (byId:Batch {id: $id})
OPTIONAL MATCH (byKey:Obj {key: $key})
RETURN byId IS NOT NULL AS idTaken, coalesce(byKey:Batch, false) AS keyTaken, byKey.kind AS keyKind`;

export function batchIdentity(id: string, key: string): Query {
  return query("producer.batchIdentity", BATCH_IDENTITY, { id, key });
}

/** Like CREATE_PRODUCT: adopts an EPCIS lot of the same key, reports a batch that got there first as `taken`. */
const CREATE_BATCH = `
MATCH (p:Product {id: $batch.productId})
MERGE (b:Obj {key: $batch.key})
ON CREATE SET b.createdAt = datetime()
WITH p, b, b:Batch AS taken
CALL (p, b, taken) {
  WITH p, b WHERE NOT taken
  SET b:Batch, b += $batch, b.kind = "LOT", b.status = "DRAFT", b.codeCount = 0, b.revision = 0,
      b.productionDate = date($batch.productionDate), b.recordedAt = datetime(), b.manufacturerId = p.manufacturerId
  FOREACH (_ IN CASE WHEN $isCode THEN [1] ELSE [] END | SET b:Code, b.value = b.key)
  MERGE (b)-[:OF_PRODUCT]->(p)
}
RETURN taken`;

export function createBatch(batch: BatchNode, isCode: boolean): Query {
  return query("producer.createBatch", CREATE_BATCH, { batch, isCode });
}

const BATCH_BY_ID = `
MATCH (b:Batch {id: $id})
CALL (b) {
  OPTIONAL MATCH (b)-[:HAS_REVISION]->(r:Revision)
  WITH r ORDER BY r.at, r.id
  RETURN collect(r {.*}) AS revisions
}
RETURN b {.*} AS batch, revisions`;

export function batchById(id: string): Query {
  return query("producer.batchById", BATCH_BY_ID, { id });
}

/**
 * Takes the batch's write lock before reading it (SET of a fresh value always locks), so read-modify-write of its
 * trace info cannot lose a concurrent change.
 */
const LOCK_BATCH = `
MATCH (b:Batch {id: $id})-[:OF_PRODUCT]->(p:Product)
SET b.lockedAt = datetime()
RETURN b {.*} AS batch, p {.*} AS product`;

export function lockBatch(id: string): Query {
  return query("producer.lockBatch", LOCK_BATCH, { id });
}

/**
 * 内部审核: a revision flagged for audit (a correction after release, a recall) opens a finding in the same statement,
 * so no audited change exists without its finding. `$finding` is null for a revision that needs none.
 */
const OPEN_FINDING = `
FOREACH (_ IN CASE WHEN $finding IS NULL THEN [] ELSE [1] END |
  CREATE (r)-[:OPENED_FINDING]->(f:AuditFinding)
  SET f = $finding, f.state = "OPEN", f.openedAt = r.at, f.revisionId = r.id, f.batchId = b.id,
      f.productId = b.productId, f.manufacturerId = b.manufacturerId)`;

/** A finding as the revision statements open it; where and when come from the batch and the revision. */
export interface FindingWrite {
  id: string;
  text: string;
  owner: string;
  openedBy: string;
  openedByOrganizationId: string | null;
}

const UPDATE_EXTENDED = `
MATCH (b:Batch {id: $id})
SET b.extended = $extended, b.revision = coalesce(b.revision, 0) + 1, b.updatedAt = datetime($revision.at)
CREATE (r:Revision)
SET r = $revision, r.at = datetime($revision.at), r.batchId = b.id, r.productId = b.productId,
    r.manufacturerId = b.manufacturerId, r.afterCodeIssuance = b.firstCodeIssuedAt IS NOT NULL
CREATE (b)-[:HAS_REVISION]->(r)
${OPEN_FINDING}`;

/** The revision as stored: `changes` as JSON, flags set by the repository. */
export interface RevisionWrite {
  id: string;
  at: string;
  reason: string;
  actor: string;
  actorOrganizationId: string | null;
  note: string | null;
  changes: string;
  correction: boolean;
  auditRequired: boolean;
}

/** The batch's new extended info (JSON), its revision and, for a revision flagged for audit, its finding. */
export function updateExtended(
  id: string,
  extended: string,
  revision: RevisionWrite,
  finding: FindingWrite | null = null,
): Query {
  return query("producer.updateExtended", UPDATE_EXTENDED, { id, extended, revision, finding });
}

const UPDATE_BASICS = `
MATCH (b:Batch {id: $id})
SET b += $basics, b.revision = coalesce(b.revision, 0) + 1, b.updatedAt = datetime($revision.at)
CREATE (r:Revision)
SET r = $revision, r.at = datetime($revision.at), r.batchId = b.id, r.productId = b.productId,
    r.manufacturerId = b.manufacturerId, r.afterCodeIssuance = b.firstCodeIssuedAt IS NOT NULL
CREATE (b)-[:HAS_REVISION]->(r)`;

/** Corrected basic fields of a batch (before release) and their revision, in one statement. */
export function updateBasics(id: string, basics: Record<string, unknown>, revision: RevisionWrite): Query {
  return query("producer.updateBasics", UPDATE_BASICS, { id, basics, revision });
}

const RELEASE_BATCH = `
MATCH (b:Batch {id: $id})-[:OF_PRODUCT]->(p:Product)
SET b.status = "RELEASED", b.releasedAt = datetime()
FOREACH (_ IN CASE WHEN b.codeStatus IN ["GENERATED", "PRINTED"] THEN [1] ELSE [] END | SET b.codeStatus = "ACTIVE")
FOREACH (_ IN CASE WHEN p.codeStatus IN ["GENERATED", "PRINTED"] THEN [1] ELSE [] END | SET p.codeStatus = "ACTIVE")`;

export function releaseBatch(id: string): Query {
  return query("producer.releaseBatch", RELEASE_BATCH, { id });
}

/** A recall: the batch's status and a revision flagged for audit, in one statement. */
const RECALL_BATCH = `
MATCH (b:Batch {id: $id})
SET b.status = "RECALLED", b.recalledAt = datetime(), b.recallReason = $reason
CREATE (r:Revision {id: $revisionId, reason: $reason, actor: $actor, actorOrganizationId: $actorOrganizationId,
                    note: $note, correction: false, auditRequired: true, recall: true, changes: $changes})
SET r.at = datetime(), r.batchId = b.id, r.productId = b.productId, r.manufacturerId = b.manufacturerId,
    r.afterCodeIssuance = b.firstCodeIssuedAt IS NOT NULL
CREATE (b)-[:HAS_REVISION]->(r)
${OPEN_FINDING}`;

export interface RecallWrite {
  reason: string;
  actor: string;
  actorOrganizationId: string | null;
  note: string | null;
  revisionId: string;
}

/** `changes`: the revision's status change as JSON; `finding`: the audit finding the recall opens. */
export function recallBatch(id: string, recall: RecallWrite, changes: string, finding: FindingWrite): Query {
  return query("producer.recallBatch", RECALL_BATCH, { id, ...recall, changes, finding });
}

// ---------------------------------------------------------------- data quality and audit

/** Batches with their product and revision flags, for one batch or all of a manufacturer's (indexed either way). */
export function qualityRows(filter: { batchId: string } | { manufacturerId: string }): Query {
  const match = "batchId" in filter ? "(b:Batch {id: $batchId})" : "(b:Batch {manufacturerId: $manufacturerId})";
  const text = `
MATCH ${match}-[:OF_PRODUCT]->(p:Product)
CALL (b) {
  OPTIONAL MATCH (b)-[:HAS_REVISION]->(r:Revision)
  RETURN collect(r {.correction, .afterCodeIssuance}) AS revisions
}
RETURN b {.*} AS batch, p {.*} AS product, revisions
ORDER BY b.id`;
  return query("producer.quality", text, { ...filter });
}

/**
 * Audit-log filters: only the predicates asked for go into the query, so each can use its index. Every revision has
 * its time (`at`); saying so lets the unfiltered log read the revision_at index newest first and stop after `limit`
 * revisions instead of sorting them all.
 */
const AUDIT_FILTERS = {
  batchId: "r.batchId = $batchId",
  manufacturerId: "r.manufacturerId = $manufacturerId",
  correctionsOnly: "r.correction = true",
  after: "(r.at < datetime($afterAt) OR (r.at = datetime($afterAt) AND r.id > $afterId))",
} as const;

export interface AuditLogFilter {
  batchId: string | null;
  manufacturerId: string | null;
  correctionsOnly: boolean;
  after: { at: string; id: string } | null;
  limit: number;
}

/** Revisions newest first, after the keyset position `after`. */
export function auditLog(filter: AuditLogFilter): Query {
  const filters = [
    ...(filter.batchId !== null ? (["batchId"] as const) : []),
    ...(filter.manufacturerId !== null ? (["manufacturerId"] as const) : []),
    ...(filter.correctionsOnly ? (["correctionsOnly"] as const) : []),
    ...(filter.after !== null ? (["after"] as const) : []),
  ];
  const where = ["r.at IS NOT NULL", ...filters.map((f) => AUDIT_FILTERS[f])].join(" AND ");
  const text = `
MATCH (r:Revision)
WHERE ${where}
RETURN r {.*} AS revision
ORDER BY r.at DESC, r.id ASC
LIMIT $limit`;
  const params = {
    batchId: filter.batchId,
    manufacturerId: filter.manufacturerId,
    afterAt: filter.after?.at ?? null,
    afterId: filter.after?.id ?? null,
    // LIMIT needs a Neo4j integer: a JS number arrives as a float and is refused.
    limit: neo4j.int(filter.limit),
  };
  return query("producer.auditLog", text, params);
}
