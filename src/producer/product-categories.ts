/**
 * The key industrial product categories (重点工业产品) the Guangdong traceability guidance covers, as data: what each
 * requires of a batch's basic info. A product keeps its category's code; a category is chosen by its code or its
 * exact name, never by a word inside a name (燃气器具配件, an accessory, is not 燃气器具, an appliance).
 *
 * Sources: the national production licence catalogue (工业产品生产许可证实施通则, catalogue of 2023: 电线电缆, 危险化学品
 * and their packaging, 化肥, 建筑用钢筋, 水泥, 食品相关产品, ...) and the CCC catalogue (强制性产品认证目录, with its
 * 2023-2024 additions: 电动自行车乘员头盔, 电动自行车用锂离子蓄电池 and 充电器, 锂离子电池和电池组, 移动电源). Both change;
 * this table is the one place to change with them. A group row (no dot in its code) may be chosen when the kind is
 * not known more precisely; it then requires what every kind of the group needs at most.
 */
export interface ProductCategory {
  /** Stable code: a group (`WC`) or a kind within it (`WC.LV`). */
  code: string;
  name: string;
  /** 工业产品生产许可证 number needed on a batch. */
  licenceRequired: boolean;
  /** 强制性产品认证 (CCC) certificate number needed on a batch. */
  cccRequired: boolean;
}

const row = (code: string, name: string, licenceRequired: boolean, cccRequired: boolean): ProductCategory => ({
  code,
  name,
  licenceRequired,
  cccRequired,
});

export const PRODUCT_CATEGORIES: readonly ProductCategory[] = [
  row("WC", "电线电缆", true, true),
  row("WC.LV", "额定电压450/750V及以下聚氯乙烯或橡皮绝缘电线电缆", false, true),
  row("WC.PW", "电力电缆及架空绞线", true, false),
  row("WC.CM", "通信电缆及光缆", false, false),
  row("GA", "燃气器具", false, true),
  row("GA.ST", "家用燃气灶具", false, true),
  row("GA.WH", "燃气热水器", false, true),
  row("GA.HB", "燃气采暖热水炉", false, true),
  row("GA.AC", "燃气器具配件", false, false),
  row("EB", "电动自行车及其配件", false, true),
  row("EB.BK", "电动自行车", false, true),
  row("EB.LB", "电动自行车用锂离子蓄电池", false, true),
  row("EB.CH", "电动自行车用充电器", false, true),
  row("EB.HM", "电动自行车乘员头盔", false, true),
  row("CP", "儿童用品", false, true),
  row("CP.TY", "玩具", false, true),
  row("CP.CA", "童车", false, true),
  row("CP.SS", "机动车儿童乘员用约束系统", false, true),
  row("CP.CL", "婴幼儿及儿童纺织产品", false, false),
  row("CP.FN", "儿童家具", false, false),
  row("CP.ST", "学生用品", false, false),
  row("LB", "锂离子电池和电池组", false, true),
  row("LB.PB", "移动电源", false, true),
  row("HA", "家用和类似用途电器", false, true),
  row("SW", "插头插座及电器附件", false, true),
  row("LT", "照明电器", false, true),
  row("FE", "消防产品", false, true),
  row("CH", "危险化学品", true, false),
  row("CH.PK", "危险化学品包装物及容器", true, false),
  row("FT", "化肥", true, false),
  row("FC", "食品相关产品", true, false),
  row("RB", "建筑用钢筋", true, false),
  row("CM", "水泥", true, false),
  row("OT", "其他工业产品", false, false),
];

const BY_CODE = new Map(PRODUCT_CATEGORIES.map((c) => [c.code, c]));
const BY_NAME = new Map(PRODUCT_CATEGORIES.map((c) => [c.name, c]));

/** The category a code (any case) or exact name (surrounding spaces ignored) names, or null. */
export function findProductCategory(codeOrName: string): ProductCategory | null {
  const text = codeOrName.trim();
  return BY_CODE.get(text.toUpperCase()) ?? BY_NAME.get(text) ?? null;
}
