import type { TraceCodeType } from "../codes/index.js";
import type { ScanRole, TraceMode } from "./producer-enums.js";

/**
 * What a caller asks of the producer's flow (API-CONTRACT §5), as plain data. The GraphQL input classes implement
 * these, the CSV importer builds them from spreadsheet rows, and the services check them; nothing here knows GraphQL.
 */

/** A product model and its basic trace info (基本信息), as entered. */
export interface ProductRequest {
  id?: string | null;
  manufacturerId: string;
  name: string;
  model: string;
  category: string;
  traceMode: TraceMode;
  brand?: string | null;
  gtin?: string | null;
  standardNo: string;
}

/** A batch with its basic trace info, as entered. */
export interface BatchRequest {
  productId: string;
  batchNo: string;
  productionDate: Date;
  quantity: number;
  unit: string;
  inspectionResult: string;
  inspectionReportNo?: string | null;
  inspectionAgency?: string | null;
  inspectionDate?: Date | null;
  inspectionReportRef?: string | null;
  licenceNo?: string | null;
  cccCertNo?: string | null;
  extended?: Record<string, unknown> | null;
  components?: string[] | null;
}

/** Issue codes for a batch (or, 一品一码, for a product). */
export interface IssueCodesRequest {
  batchId?: string | null;
  productId?: string | null;
  count?: number | null;
  codeType?: TraceCodeType | null;
  /** 子母码: one length per mother code issued (sets the count when it is omitted). */
  motherLengths?: number[] | null;
  /** 子母码: one length for every mother code issued. */
  motherLength?: number | null;
  /** Unit of the lengths; default the batch's unit when it measures length, else metres. */
  lengthUnit?: string | null;
}

/** A member of a bundle (组合码), or a segment of a mother code (子码) with its range. */
export interface ChildCodeRequest {
  code: string;
  segmentStart?: number | null;
  segmentEnd?: number | null;
  unit?: string | null;
}

/** Goods (by their codes) shipped from one registered organisation to another. */
export interface ShipmentRequest {
  codes: string[];
  fromOrganizationId: string;
  toOrganizationId: string;
  shippedAt: Date;
  shipmentId?: string | null;
}

/** A market scan of a code in a region. */
export interface ScanRequest {
  code: string;
  regionCode: string;
  scannedAt: Date;
  role: ScanRole;
  scanId?: string | null;
}
