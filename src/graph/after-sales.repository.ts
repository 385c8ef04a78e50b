import { randomUUID } from "node:crypto";
import type { Executor, Row } from "./executor.js";
import * as Q from "./after-sales.queries.js";
import { toProduct } from "./producer.repository.js";
import type { ProductRecord } from "../producer/producer-model.js";
export type { ServiceRecordFilter, ServiceRecordWrite, WarrantyWrite } from "./after-sales.queries.js";

export interface ObjectOwnerRow {
  key: string;
  manufacturerId: string | null;
  batchId: string | null;
  productId: string | null;
}

export interface WarrantyRow {
  purchaseDate: string;
  regionCode: string | null;
  phoneLast4: string;
  registeredAt: string;
  validUntil: string | null;
}

export interface ServiceRecordRow {
  id: string;
  objectKey: string;
  kind: string;
  note: string | null;
  performedAt: string;
  recordedAt: string;
  actor: string;
  actorOrganizationId: string | null;
  manufacturerId: string | null;
  batchId: string | null;
  productId: string | null;
}

/** After-sales writes and reads (see after-sales.queries.ts). */
export class AfterSalesRepository {
  constructor(private readonly executor: Executor) {}

  async setProductWarranty(productId: string, months: number | null, terms: string | null): Promise<ProductRecord> {
    const rows = await this.executor.write(Q.setProductWarranty(productId, months, terms));
    return toProduct(rows[0]?.product as Row);
  }

  async objectOwner(key: string): Promise<ObjectOwnerRow | null> {
    const row = (await this.executor.read(Q.objectOwner(key)))[0];
    if (!row) return null;
    return {
      key: String(row.key),
      manufacturerId: text(row.manufacturerId),
      batchId: text(row.batchId),
      productId: text(row.productId),
    };
  }

  /** The stored registration, whether this call wrote it, and whether it holds the same phone's hash. */
  async registerWarranty(
    w: Q.WarrantyWrite,
  ): Promise<{ created: boolean; samePhone: boolean; warranty: WarrantyRow } | null> {
    const row = (await this.executor.write(Q.registerWarranty(w, randomUUID())))[0];
    if (!row) return null;
    const stored = row.warranty as Row;
    return {
      created: row.created === true,
      samePhone: row.samePhone === true,
      warranty: {
        purchaseDate: String(stored.purchaseDate),
        regionCode: text(stored.regionCode),
        phoneLast4: String(stored.phoneLast4),
        registeredAt: String(stored.registeredAt),
        validUntil: text(stored.validUntil),
      },
    };
  }

  /** False when either organisation is not registered. */
  async setServicePartner(maker: string, partner: string, allowed: boolean): Promise<boolean> {
    return (await this.executor.write(Q.servicePartner(maker, partner, allowed))).length > 0;
  }

  async serviceAuthorized(maker: string, partner: string): Promise<boolean> {
    return (await this.executor.read(Q.serviceAuthorized(maker, partner)))[0]?.authorized === true;
  }

  /** The record stored under the id (this call's or the first one's) and whether this call wrote it. */
  async recordService(r: Q.ServiceRecordWrite): Promise<{ created: boolean; record: ServiceRecordRow } | null> {
    const row = (await this.executor.write(Q.recordService(r, randomUUID())))[0];
    if (!row) return null;
    return { created: row.created === true, record: toServiceRecord(row.record as Row) };
  }

  async serviceRecordPage(
    filter: Q.ServiceRecordFilter,
    at: { afterId: string; fetch: number },
    scope?: string,
  ): Promise<ServiceRecordRow[]> {
    const rows = await this.executor.read(Q.serviceRecordPage(filter, at, scope));
    return rows.map((row) => toServiceRecord(row.record as Row));
  }
}

function toServiceRecord(row: Row): ServiceRecordRow {
  return {
    id: String(row.id),
    objectKey: String(row.objectKey),
    kind: String(row.kind),
    note: text(row.note),
    performedAt: String(row.performedAt),
    recordedAt: String(row.recordedAt),
    actor: String(row.actor),
    actorOrganizationId: text(row.actorOrganizationId),
    manufacturerId: text(row.manufacturerId),
    batchId: text(row.batchId),
    productId: text(row.productId),
  };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
