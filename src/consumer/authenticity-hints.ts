import { chinaTime } from "./china-time.js";

export type HintLevel = "info" | "warning" | "danger";

export interface Hint {
  level: HintLevel;
  text: string;
}

/** What the hints are judged from: the code's lifecycle and its recorded scans (page views are not scans). */
export interface HintFacts {
  kind: string;
  codeStatus: string | null;
  codeType: string | null;
  voidReason: string | null;
  totalScans: number;
  firstScan: { at: string; place: string } | null;
  /** Distinct provinces the object was scanned in. */
  provinces: number;
}

/**
 * An item code (一物一码) is normally scanned once or twice, at the point of sale and by the buyer; more scans, or
 * scans in several provinces, are the usual sign of a copied code. Batch and product codes are shared by every
 * package, so many scans of them mean nothing.
 */
export const REPEATED_SCANS = 3;
export const SPREAD_PROVINCES = 2;

const SHARED_CODE_TYPES = new Set(["PRODUCT", "BATCH"]);

/** 防伪提示: plain-language hints for a consumer, most serious first. */
export function authenticityHints(facts: HintFacts): Hint[] {
  const hints: Hint[] = [...statusHints(facts)];
  const shared = facts.kind === "PRODUCT" || facts.kind === "LOT" || SHARED_CODE_TYPES.has(facts.codeType ?? "");
  if (!shared && (facts.totalScans >= REPEATED_SCANS || facts.provinces >= SPREAD_PROVINCES)) {
    hints.push({
      level: "warning",
      text:
        `一物一码通常只在购买时扫码，此码已在 ${facts.provinces} 个省级地区被扫码 ${facts.totalScans} 次。` +
        "如果您刚买到此商品，请注意辨别真伪，必要时联系生产企业核实。",
    });
  }
  hints.push(scanHistoryHint(facts));
  if (shared) {
    hints.push({
      level: "info",
      text: "这是批次码或产品码：同一批次（或同一型号）的每件产品共用此码，多次扫码属正常现象。",
    });
  }
  return hints;
}

function statusHints(facts: HintFacts): Hint[] {
  switch (facts.codeStatus) {
    case "VOID":
      return [
        {
          level: "danger",
          text:
            `此码已作废${facts.voidReason ? `（${facts.voidReason}）` : ""}。` +
            "请勿购买或使用，并向商家或市场监管部门（12315）反映。",
        },
      ];
    case "GENERATED":
    case "PRINTED":
      return [{ level: "warning", text: "此码尚未激活：产品还没有出厂登记。市场上出现未激活的码，可能是仿冒品。" }];
    default:
      return [];
  }
}

function scanHistoryHint(facts: HintFacts): Hint {
  if (facts.totalScans === 0 || facts.firstScan === null) {
    return { level: "info", text: "此码此前没有扫码记录（查看本页不计入扫码记录）。" };
  }
  const first = `${chinaTime(facts.firstScan.at)}（${facts.firstScan.place}）`;
  return { level: "info", text: `此码已被扫码 ${facts.totalScans} 次，首次扫码于 ${first}。` };
}
