import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";

/**
 * Cypher of after-sales (售后服务): warranty terms on a product, warranty registrations on a code, service partners a
 * maker authorises, and service records (repair, return, replacement) on a code. Shapes:
 *   (:WarrantyRegistration {id, objectKey, purchaseDate, validUntil, regionCode, phoneHash, phoneLast4, registeredAt,
 *                           manufacturerId, batchId})-[:FOR]->(:Obj)        one per code (constraint, migration 10)
 *   (:Organization maker)-[:AUTHORIZES_SERVICE {since}]->(:Organization partner)
 *   (:ServiceRecord {id, objectKey, kind, note, performedAt, recordedAt, actor, actorOrganizationId, manufacturerId,
 *                    batchId, productId})-[:ON]->(:Obj)
 * No phone number is ever a parameter here: only its keyed hash and last four digits.
 */

const SET_PRODUCT_WARRANTY = `
MATCH (p:Product {id: $productId})
SET p.warrantyMonths = $months, p.warrantyTerms = $terms, p.warrantyUpdatedAt = datetime()
RETURN p {.*} AS product`;

export function setProductWarranty(productId: string, months: number | null, terms: string | null): Query {
  return query("afterSales.setProductWarranty", SET_PRODUCT_WARRANTY, {
    productId,
    months: months === null ? null : neo4j.int(months),
    terms,
  });
}

/** Who made what a code names: its product's maker, its batch and product (null for an object of no product). */
const OBJECT_OWNER = `
MATCH (o:Obj {key: $key})
OPTIONAL MATCH (b:Batch) WHERE b.id = CASE WHEN o:Batch THEN o.id ELSE o.batchId END
OPTIONAL MATCH (p:Product) WHERE p.id = CASE WHEN o:Product THEN o.id ELSE coalesce(o.productId, b.productId) END
RETURN o.key AS key, coalesce(p.manufacturerId, b.manufacturerId) AS manufacturerId, b.id AS batchId,
       p.id AS productId`;

export function objectOwner(key: string): Query {
  return query("afterSales.objectOwner", OBJECT_OWNER, { key });
}

export interface WarrantyWrite {
  id: string;
  objectKey: string;
  purchaseDate: string;
  validUntil: string | null;
  regionCode: string | null;
  phoneHash: string;
  phoneLast4: string;
  manufacturerId: string | null;
  batchId: string | null;
}

/**
 * One registration per code: MERGE on the unique objectKey, so a repeated or concurrent registration finds the
 * first. `created` tells this call's write from an existing one; `samePhone` whether the existing one has this phone.
 */
const REGISTER_WARRANTY = `
MATCH (o:Obj {key: $w.objectKey})
MERGE (w:WarrantyRegistration {objectKey: o.key})
ON CREATE SET w.id = $w.id, w.purchaseDate = date($w.purchaseDate),
              w.validUntil = CASE WHEN $w.validUntil IS NULL THEN null ELSE date($w.validUntil) END,
              w.regionCode = $w.regionCode, w.phoneHash = $w.phoneHash, w.phoneLast4 = $w.phoneLast4,
              w.manufacturerId = $w.manufacturerId, w.batchId = $w.batchId, w.registeredAt = datetime(),
              w.writeId = $writeId
MERGE (w)-[:FOR]->(o)
RETURN w.writeId = $writeId AS created, w.phoneHash = $w.phoneHash AS samePhone,
       w {.purchaseDate, .regionCode, .phoneLast4, .registeredAt, .validUntil} AS warranty`;

export function registerWarranty(w: WarrantyWrite, writeId: string): Query {
  return query("afterSales.registerWarranty", REGISTER_WARRANTY, { w: { ...w }, writeId });
}

const ALLOW_SERVICE = `
MATCH (m:Organization {id: $maker}), (p:Organization {id: $partner})
MERGE (m)-[a:AUTHORIZES_SERVICE]->(p) ON CREATE SET a.since = datetime()
RETURN true AS ok`;

const REVOKE_SERVICE = `
MATCH (m:Organization {id: $maker}), (p:Organization {id: $partner})
OPTIONAL MATCH (m)-[a:AUTHORIZES_SERVICE]->(p) DELETE a
RETURN true AS ok`;

/** One row when both organisations exist, none otherwise. */
export function servicePartner(maker: string, partner: string, allowed: boolean): Query {
  return query("afterSales.servicePartner", allowed ? ALLOW_SERVICE : REVOKE_SERVICE, { maker, partner });
}

const SERVICE_AUTHORIZED = `
RETURN EXISTS {
  MATCH (:Organization {id: $maker})-[:AUTHORIZES_SERVICE]->(:Organization {id: $partner})
} AS authorized`;

export function serviceAuthorized(maker: string, partner: string): Query {
  return query("afterSales.serviceAuthorized", SERVICE_AUTHORIZED, { maker, partner });
}

export interface ServiceRecordWrite {
  id: string;
  objectKey: string;
  kind: string;
  note: string | null;
  performedAt: string;
  actor: string;
  actorOrganizationId: string | null;
  manufacturerId: string | null;
  batchId: string | null;
  productId: string | null;
}

/** Idempotent by id: a repeated id writes nothing and answers with the record stored first (`created` false). */
const RECORD_SERVICE = `
MATCH (o:Obj {key: $r.objectKey})
MERGE (s:ServiceRecord {id: $r.id})
ON CREATE SET s += $r, s.performedAt = datetime($r.performedAt), s.recordedAt = datetime(), s.writeId = $writeId
WITH o, s, s.writeId = $writeId AS created
CALL (o, s, created) {
  WITH o, s WHERE created
  CREATE (s)-[:ON]->(o)
}
RETURN created, s {.*, writeId: null} AS record`;

export function recordService(r: ServiceRecordWrite, writeId: string): Query {
  return query("afterSales.recordService", RECORD_SERVICE, { r: { ...r }, writeId });
}

export interface ServiceRecordFilter {
  objectKey: string | null;
  batchId: string | null;
}

/**
 * A page of service records of a code or a batch in id order. A party sees the records of what it made and those it
 * wrote itself (API-CONTRACT §6: everything that happened to what it made, its own events); ADMIN and REGULATOR all.
 */
export function serviceRecordPage(
  filter: ServiceRecordFilter,
  at: { afterId: string; fetch: number },
  scope?: string,
): Query {
  const match =
    filter.objectKey !== null
      ? "MATCH (s:ServiceRecord {objectKey: $objectKey})"
      : "MATCH (s:ServiceRecord {batchId: $batchId})";
  const where = [
    "s.id > $afterId",
    ...(scope !== undefined ? ["(s.manufacturerId = $scope OR s.actorOrganizationId = $scope)"] : []),
  ];
  return query(
    scope !== undefined ? "afterSales.serviceRecordsScoped" : "afterSales.serviceRecords",
    `${match}
WHERE ${where.join(" AND ")}
RETURN s {.*, writeId: null} AS record
ORDER BY s.id
LIMIT $fetch`,
    {
      objectKey: filter.objectKey,
      batchId: filter.batchId,
      afterId: at.afterId,
      fetch: neo4j.int(at.fetch),
      ...(scope !== undefined ? { scope } : {}),
    },
  );
}
