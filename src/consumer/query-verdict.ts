import { chinaTime } from "./china-time.js";

/** What the consumer queries of a code say: first query, queried before, or looks like a copied code. */
export type QueryVerdict = "FIRST" | "REPEATED" | "SUSPICIOUS";

/** The consumer queries of one object (page views and scans recorded with role CONSUMER). */
export interface QuerySummary {
  count: number;
  firstAt: string | null;
  /** Distinct viewers (browsers) among them; a scan recorded by a partner's app counts as a viewer of its own. */
  viewers: number;
  /** Distinct provinces of the queries whose region is known. */
  provinces: number;
}

export interface QueryReport extends QuerySummary {
  verdict: QueryVerdict;
  /** The line the page shows: 首次查询, or 已被查询 N 次，首次查询于 … */
  text: string;
  /** A warning when the queries look like a copied code (SUSPICIOUS only). */
  warning: string | null;
}

/**
 * An item's code is queried by its buyer, perhaps a few times from one or two phones. A copied code is queried by
 * many buyers, often far apart: from this many viewers, or this many provinces, or this many queries, it is suspect.
 */
export const SUSPICIOUS_VIEWERS = 3;
export const SUSPICIOUS_PROVINCES = 2;
export const SUSPICIOUS_QUERIES = 6;

/**
 * The verdict, counting the current view when it was recorded. `shared`: a batch or product code, printed on every
 * package of a batch or model, whose many queries mean nothing; it is never suspicious.
 */
export function queryReport(summary: QuerySummary, shared: boolean): QueryReport {
  if (summary.count <= 1) {
    return { ...summary, verdict: "FIRST", text: "此码此前没有被消费者查询过，您是第一位查询者。", warning: null };
  }
  const first = summary.firstAt ? `，首次查询于 ${chinaTime(summary.firstAt)}` : "";
  const text = `已被查询 ${summary.count} 次${first}。`;
  const suspicious =
    !shared &&
    (summary.viewers >= SUSPICIOUS_VIEWERS ||
      summary.provinces >= SUSPICIOUS_PROVINCES ||
      summary.count >= SUSPICIOUS_QUERIES);
  if (!suspicious) {
    return {
      ...summary,
      verdict: "REPEATED",
      text: shared ? `${text}此码为同批（或同型号）产品共用，多次查询属正常现象。` : `${text}如非您本人查询，请留意。`,
      warning: null,
    };
  }
  const where = summary.provinces >= SUSPICIOUS_PROVINCES ? `来自 ${summary.provinces} 个省级地区的 ` : " ";
  return {
    ...summary,
    verdict: "SUSPICIOUS",
    text,
    warning:
      `此码已被${where}${summary.viewers} 个不同设备查询 ${summary.count} 次，可能是被复制的码。` +
      "一物一码通常只由购买者查询：请注意辨别真伪，谨慎购买，并向生产企业核实。",
  };
}
