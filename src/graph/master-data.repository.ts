import type { Executor, Row } from "./executor.js";
import * as Q from "./master-data.queries.js";

/** A stored vocabulary element, with what it is linked to in our graph. */
export interface MasterDataRecord {
  vtype: string;
  id: string;
  key: string;
  name: string | null;
  address: Record<string, unknown> | null;
  /** The attributes exactly as captured (`[{ id, attribute }]`). */
  attributes: Record<string, unknown>[];
  children: string[];
  /** The namespace prefixes the attributes use. */
  namespaces: Record<string, string>;
  updatedAt: Date | null;
  /** The organisation a Party element names (by its id or a further identifier such as its GLN). */
  organizationId: string | null;
  /** The registered location a ReadPoint or BusinessLocation element describes, and its operator. */
  locationId: string | null;
  locationOrganizationId: string | null;
  /** The object (a product class or lot) an EPCClass element describes, when it is in the graph. */
  objectKey: string | null;
}

/** EPCIS master data (master-data.queries.ts); written with the capture's plan (flow-writer.repository.ts). */
export class MasterDataRepository {
  constructor(private readonly executor: Executor) {}

  async element(vtype: string, key: string, scope?: string): Promise<MasterDataRecord | null> {
    const rows = await this.executor.read(Q.masterDataElement(vtype, key, scope));
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async byKeys(keys: readonly string[]): Promise<MasterDataRecord[]> {
    if (keys.length === 0) return [];
    return (await this.executor.read(Q.masterDataByKeys([...new Set(keys)]))).map(toRecord);
  }
}

function toRecord(row: Row): MasterDataRecord {
  const element = row.element as Row;
  return {
    vtype: String(element.vtype),
    id: String(element.id),
    key: String(element.key),
    name: typeof element.name === "string" ? element.name : null,
    address: typeof element.address === "string" ? (JSON.parse(element.address) as Record<string, unknown>) : null,
    attributes: JSON.parse(String(element.attributes ?? "[]")) as Record<string, unknown>[],
    children: (element.children as string[] | null) ?? [],
    namespaces: JSON.parse(String(element.namespaces ?? "{}")) as Record<string, string>,
    updatedAt: element.updatedAt ? new Date(String(element.updatedAt)) : null,
    organizationId: (row.organizationId as string | null) ?? null,
    locationId: (row.locationId as string | null) ?? null,
    locationOrganizationId: (row.locationOrganizationId as string | null) ?? null,
    objectKey: (row.objectKey as string | null) ?? null,
  };
}
