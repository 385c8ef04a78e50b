import type { PageExtrasRow } from "../graph/consumer-visit.repository.js";
import { chinaDate } from "../producer/china-date.js";
import type { CodeFacts } from "./consumer-view.js";

/** Warranty registration (保修登记) as the consumer page shows it; never the phone number, only its last four digits. */
export interface WarrantyView {
  /** Whether the page offers registration: an item's own code (not shared), active (released, not recalled or void), not yet registered. */
  open: boolean;
  /** The product's warranty in months, from the purchase date; null when the maker gave none. */
  months: number | null;
  registration: {
    purchaseDate: string;
    regionCode: string | null;
    phoneLast4: string;
    registeredAt: string;
    /** Purchase date + the product's warranty months; null when the product states none. */
    validUntil: string | null;
    /** Whether the warranty still runs today (China date); null when there is no end date. */
    inForce: boolean | null;
  } | null;
}

/** Codes a warranty is registered on: one physical thing each (an item, a bundle, a mother code). */
const REGISTRABLE_KINDS = new Set(["ITEM", "CONTAINER"]);

export function warrantyView(facts: {
  kind: string;
  code: CodeFacts | null;
  verdict: string | null;
  shared: boolean;
  months: number | null;
  registration: PageExtrasRow["warranty"];
  today?: string;
}): WarrantyView {
  const r = facts.registration;
  const today = facts.today ?? chinaDate();
  return {
    open:
      r === null &&
      facts.code !== null &&
      !facts.shared &&
      REGISTRABLE_KINDS.has(facts.kind) &&
      facts.verdict === "ACTIVE",
    months: facts.months,
    registration: r && { ...r, inForce: r.validUntil === null ? null : r.validUntil >= today },
  };
}
