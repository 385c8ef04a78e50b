export type HintLevel = "info" | "warning" | "danger";

export interface Hint {
  level: HintLevel;
  text: string;
}

/** What the hints are judged from: the code's lifecycle and the verdict of its consumer queries. */
export interface HintFacts {
  codeStatus: string | null;
  voidReason: string | null;
  /** Batch and product codes are shared by every package of a batch or model. */
  shared: boolean;
  /** The warning of the consumer queries' verdict (SUSPICIOUS), see query-verdict.ts. */
  queryWarning: string | null;
}

/** 防伪提示: plain-language hints for a consumer, most serious first. */
export function authenticityHints(facts: HintFacts): Hint[] {
  const hints: Hint[] = [...statusHints(facts)];
  if (facts.queryWarning) hints.push({ level: "warning", text: facts.queryWarning });
  if (facts.shared) {
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
