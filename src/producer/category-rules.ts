/**
 * Which product categories need a production licence (工业产品生产许可证) or a CCC certificate (强制性产品认证).
 * A small fixed table covering the key industrial products this service is used for; the authoritative catalogues
 * (the State Council's licence catalogue and the CNCA CCC catalogue) change yearly and belong in data when the table
 * grows. A category matches a row when its name contains the row's term, so `电线电缆（450/750V）` matches `电线电缆`.
 *
 * | term         | licence | CCC |
 * | ------------ | ------- | --- |
 * | 电线电缆     | yes     | yes |
 * | 燃气器具     |         | yes |
 * | 燃气灶具     |         | yes |  (家用燃气灶具)
 * | 电动自行车   |         | yes |
 * | 儿童用品     |         | yes |
 * | 玩具         |         | yes |
 */
export interface CategoryRequirement {
  licence: boolean;
  ccc: boolean;
}

const RULES: readonly (CategoryRequirement & { term: string })[] = [
  { term: "电线电缆", licence: true, ccc: true },
  { term: "燃气器具", licence: false, ccc: true },
  { term: "燃气灶具", licence: false, ccc: true },
  { term: "电动自行车", licence: false, ccc: true },
  { term: "儿童用品", licence: false, ccc: true },
  { term: "玩具", licence: false, ccc: true },
];

/** What `category` requires: the union of every matching row. */
export function categoryRequirement(category: string): CategoryRequirement {
  const matching = RULES.filter((rule) => category.includes(rule.term));
  return { licence: matching.some((r) => r.licence), ccc: matching.some((r) => r.ccc) };
}

/**
 * 全国工业产品生产许可证 number: `XK` + product unit (2 digits) + product (3) + serial (5), optionally preceded by the
 * province abbreviation in brackets, e.g. `XK06-001-00123` or `(粤)XK06-001-00123`.
 */
export const LICENCE_NO = /^(?:[(（][\u4e00-\u9fa5][)）])?XK\d{2}-\d{3}-\d{5}$/;

/** CCC certificate number: 16 digits (year, certification body, product code, serial). */
export const CCC_CERT_NO = /^\d{16}$/;
