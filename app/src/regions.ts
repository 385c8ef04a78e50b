/** Province-level divisions by the first two digits of a GB/T 2260 region code. */
const PROVINCES: Record<string, [string, string]> = {
  "11": ["北京市", "Beijing"],
  "12": ["天津市", "Tianjin"],
  "13": ["河北省", "Hebei"],
  "14": ["山西省", "Shanxi"],
  "15": ["内蒙古自治区", "Inner Mongolia"],
  "21": ["辽宁省", "Liaoning"],
  "22": ["吉林省", "Jilin"],
  "23": ["黑龙江省", "Heilongjiang"],
  "31": ["上海市", "Shanghai"],
  "32": ["江苏省", "Jiangsu"],
  "33": ["浙江省", "Zhejiang"],
  "34": ["安徽省", "Anhui"],
  "35": ["福建省", "Fujian"],
  "36": ["江西省", "Jiangxi"],
  "37": ["山东省", "Shandong"],
  "41": ["河南省", "Henan"],
  "42": ["湖北省", "Hubei"],
  "43": ["湖南省", "Hunan"],
  "44": ["广东省", "Guangdong"],
  "45": ["广西壮族自治区", "Guangxi"],
  "46": ["海南省", "Hainan"],
  "50": ["重庆市", "Chongqing"],
  "51": ["四川省", "Sichuan"],
  "52": ["贵州省", "Guizhou"],
  "53": ["云南省", "Yunnan"],
  "54": ["西藏自治区", "Tibet"],
  "61": ["陕西省", "Shaanxi"],
  "62": ["甘肃省", "Gansu"],
  "63": ["青海省", "Qinghai"],
  "64": ["宁夏回族自治区", "Ningxia"],
  "65": ["新疆维吾尔自治区", "Xinjiang"],
  "71": ["台湾省", "Taiwan"],
  "81": ["香港特别行政区", "Hong Kong"],
  "82": ["澳门特别行政区", "Macao"],
};

/** A region code as a person reads it: the province's name, then the code below it. */
export function regionName(code: string, lang: "zh" | "en"): string {
  const province = PROVINCES[code.slice(0, 2)];
  if (!province) return code;
  const name = province[lang === "zh" ? 0 : 1];
  return code.endsWith("0000") ? name : `${name} ${code}`;
}

export interface RegionNode {
  code: string;
  count: number;
  holders: number;
  children: RegionNode[];
}

/** Province → prefecture → county, each with the counts of everything under it. */
export function regionTree(entries: { code: string; count: number; holders: number }[]): RegionNode[] {
  const byCode = new Map<string, RegionNode>();
  const roots: RegionNode[] = [];
  const node = (code: string): RegionNode => {
    let found = byCode.get(code);
    if (found) return found;
    found = { code, count: 0, holders: 0, children: [] };
    byCode.set(code, found);
    const parent = code.endsWith("0000")
      ? null
      : code.endsWith("00")
        ? `${code.slice(0, 2)}0000`
        : `${code.slice(0, 4)}00`;
    if (parent === null) roots.push(found);
    else node(parent).children.push(found);
    return found;
  };
  for (const entry of entries) {
    if (!/^\d{6}$/.test(entry.code)) continue;
    const levels = [`${entry.code.slice(0, 2)}0000`, `${entry.code.slice(0, 4)}00`, entry.code];
    for (const code of new Set(levels)) {
      const n = node(code);
      n.count += entry.count;
      n.holders += entry.holders;
    }
  }
  const sort = (list: RegionNode[]) => {
    list.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
