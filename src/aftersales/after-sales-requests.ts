import type { ServiceKind } from "./service-kind.js";

/** A consumer's warranty registration (保修登记), from the consumer page's form or its JSON API. */
export interface WarrantyRequest {
  /** `YYYY-MM-DD`, the day of purchase. */
  purchaseDate: string;
  /** GB/T 2260 code where it was bought; optional. */
  regionCode?: string | null;
  /** The buyer's mobile number: kept only as a keyed hash and its last four digits. */
  phone: string;
}

/** A service (repair, return, replacement) done on a code, by its maker or a service partner it authorised. */
export interface ServiceRequest {
  code: string;
  kind: ServiceKind;
  note?: string | null;
  /** When it was done; default now. */
  performedAt?: Date | null;
  /** The caller's id of this service: a repeated id writes nothing and answers with the first record. */
  serviceId?: string | null;
}
