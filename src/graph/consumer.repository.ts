import type { Executor, RawRecord, Row } from "./executor.js";
import * as Q from "./consumer.queries.js";

/** Codes per keyset page of a code list: 500 statements for a million codes, a few hundred KiB per page. */
export const CODE_VALUE_PAGE_SIZE = 2_000;

/** Scans of one object in one region (null: an EPCIS scan at a location registered without a region). */
export interface ScanRegionRow {
  region: string | null;
  scans: number;
  first: string;
  last: string;
}

/** The stored nodes around one object, as plain properties; the consumer service decides what to show. */
export interface TraceViewRow {
  object: Row;
  batch: Row | null;
  lotKey: string | null;
  product: Row | null;
  /** With the public contact the organisation registered (customer service phone, address, website). */
  manufacturer: {
    id: string;
    name: string | null;
    servicePhone?: string | null;
    address?: string | null;
    website?: string | null;
  } | null;
  regions: ScanRegionRow[];
  totalScans: number;
}

export interface LabelBatchRow {
  batch: { id: string; key: string; batchNo: string; status: string; productionDate: string | null };
  product: { id: string; name: string; model: string } | null;
  /** The product's manufacturer's name. */
  maker: string | null;
}

/** One printable code of a batch: its type, a segment's range along its mother code, a mother code's length. */
export interface LabelCodeRow {
  key: string;
  codeType: string | null;
  segment: { start: number; end: number; unit: string | null } | null;
  length: { value: number; unit: string | null } | null;
}

/** A code as the code list prints it: its stored status, and whether it is a product's own code (no batch). */
export interface CodeValueRow {
  key: string;
  status: string | null;
  ofProduct: boolean;
}

/** Reads for the public HTTP pieces: the consumer page, label sheets and code lists. */
export class ConsumerRepository {
  constructor(private readonly executor: Executor) {}

  /** The object with its batch, product, manufacturer and scan summary; null when no object has the key. */
  async traceView(key: string, productKey: string | null): Promise<TraceViewRow | null> {
    const rows = await this.executor.read(Q.traceView(key, productKey));
    const row = rows[0];
    if (!row) return null;
    return {
      object: row.object as Row,
      batch: (row.batch as Row | null) ?? null,
      lotKey: (row.lotKey as string | null) ?? null,
      product: (row.product as Row | null) ?? null,
      manufacturer: (row.manufacturer as TraceViewRow["manufacturer"]) ?? null,
      regions: ((row.regions as Row[] | null) ?? []).map(toScanRegion),
      totalScans: Number(row.totalScans ?? 0),
    };
  }

  async labelBatch(batchId: string): Promise<LabelBatchRow | null> {
    const rows = await this.executor.read(Q.labelBatch(batchId));
    const row = rows[0];
    if (!row) return null;
    const batch = row.batch as Row;
    const product = row.product as Row | null;
    return {
      batch: {
        id: String(batch.id),
        key: String(batch.key),
        batchNo: String(batch.batchNo ?? ""),
        status: String(batch.status ?? ""),
        productionDate: (batch.productionDate as string | null) ?? null,
      },
      product: product
        ? { id: String(product.id), name: String(product.name ?? ""), model: String(product.model ?? "") }
        : null,
      maker: (row.maker as string | null) ?? null,
    };
  }

  /**
   * The codes issued under a batch in value order, a keyset page at a time in one read transaction (the code list of
   * any size: two pages in memory at most, the next read while this one is written).
   */
  async *batchCodeValuePages(batchId: string, pageSize: number = CODE_VALUE_PAGE_SIZE): AsyncGenerator<CodeValueRow[]> {
    const pageAfter = (after: string | null) => Q.batchCodeValuePage(batchId, after, pageSize);
    const pairsOf = (records: readonly RawRecord[]) => (records[0]?.get("rows") ?? []) as [string, string | null][];
    const next = (records: RawRecord[]) => {
      const pairs = pairsOf(records);
      const last = pairs.at(-1);
      return pairs.length >= pageSize && last !== undefined ? pageAfter(last[0]) : null;
    };
    for await (const records of this.executor.streamPages(pageAfter(null), next)) {
      const pairs = pairsOf(records);
      if (pairs.length > 0) yield pairs.map(([key, status]) => ({ key, status: status ?? null, ofProduct: false }));
    }
  }

  /** The batch's own code and its product's, when issued, in key order. */
  async batchOwnCodes(batchId: string): Promise<CodeValueRow[]> {
    const rows = await this.executor.read(Q.batchOwnCodes(batchId));
    return rows.map((row) => ({
      key: String(row.key),
      status: (row.status as string | null) ?? null,
      ofProduct: row.ofProduct === true,
    }));
  }

  /** The batch's printable codes after the key `after`, in key order, at most `limit`. */
  async batchCodePage(batchId: string, after: string | null, limit: number): Promise<LabelCodeRow[]> {
    const rows = await this.executor.read(Q.batchCodePage(batchId, after, limit));
    return rows.map(toLabelCode);
  }
}

function toLabelCode(row: Row): LabelCodeRow {
  const number = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
  const unit = (row.unit as string | null) ?? null;
  const start = number(row.segmentStart);
  const end = number(row.segmentEnd);
  const length = number(row.length);
  return {
    key: String(row.key),
    codeType: (row.codeType as string | null) ?? null,
    segment: start !== null && end !== null ? { start, end, unit } : null,
    length: length !== null ? { value: length, unit } : null,
  };
}

function toScanRegion(row: Row): ScanRegionRow {
  return {
    region: (row.region as string | null) ?? null,
    scans: Number(row.scans),
    first: String(row.first),
    last: String(row.last),
  };
}
