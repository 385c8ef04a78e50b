import type { Executor, Row } from "./executor.js";
import * as Q from "./consumer-visit.queries.js";
export type { ConsumerViewWrite } from "./consumer-visit.queries.js";

/** An object inside another now: a bundle's item, a mother code's segment (with its range on the mother). */
export interface ContainedRow {
  key: string;
  kind: string | null;
  codeType: string | null;
  product: string | null;
  model: string | null;
  start: number | null;
  end: number | null;
  unit: string | null;
}

export interface PageExtrasRow {
  queries: { count: number; firstAt: string | null; viewers: number; provinces: number };
  contents: ContainedRow[];
  contentCount: number;
  containers: Omit<ContainedRow, "kind" | "product" | "model">[];
  warranty: {
    purchaseDate: string;
    regionCode: string | null;
    phoneLast4: string;
    registeredAt: string;
    validUntil: string | null;
  } | null;
}

/** The consumer page's writes (a view) and its extra read. */
export class ConsumerVisitRepository {
  constructor(private readonly executor: Executor) {}

  /** True when the view was stored; false for a repeat of the same viewer within the window, or an unknown object. */
  async recordView(view: Q.ConsumerViewWrite, windowSeconds: number): Promise<boolean> {
    const rows = await this.executor.write(Q.recordConsumerView(view, windowSeconds));
    return rows[0]?.recorded === true;
  }

  async pageExtras(key: string): Promise<PageExtrasRow | null> {
    const rows = await this.executor.read(Q.pageExtras(key));
    const row = rows[0];
    if (!row) return null;
    return {
      queries: {
        count: Number(row.queries ?? 0),
        firstAt: text(row.firstQueryAt),
        viewers: Number(row.viewers ?? 0),
        provinces: Number(row.provinces ?? 0),
      },
      contents: ((row.contents as Row[] | null) ?? []).map((c) => ({
        key: String(c.key),
        kind: text(c.kind),
        codeType: text(c.codeType),
        product: text(c.product),
        model: text(c.model),
        ...range(c),
      })),
      contentCount: Number(row.contentCount ?? 0),
      containers: ((row.containers as Row[] | null) ?? []).map((c) => ({
        key: String(c.key),
        codeType: text(c.codeType),
        ...range(c),
      })),
      warranty: row.warranty ? toWarranty(row.warranty as Row) : null,
    };
  }
}

function range(row: Row): { start: number | null; end: number | null; unit: string | null } {
  return { start: num(row.start), end: num(row.end), unit: text(row.unit) };
}

function toWarranty(row: Row): NonNullable<PageExtrasRow["warranty"]> {
  return {
    purchaseDate: String(row.purchaseDate),
    regionCode: text(row.regionCode),
    phoneLast4: String(row.phoneLast4),
    registeredAt: String(row.registeredAt),
    validUntil: text(row.validUntil),
  };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}
