import { findProductCategory } from "./product-categories.js";

/** What a batch of a product of this category needs besides the basic info. */
export interface CategoryRequirement {
  licence: boolean;
  ccc: boolean;
}

/**
 * What `category` (a code of PRODUCT_CATEGORIES, or for products registered before the table an exact name)
 * requires; nothing for a category the table does not know.
 */
export function categoryRequirement(category: string): CategoryRequirement {
  const found = findProductCategory(category);
  return { licence: found?.licenceRequired ?? false, ccc: found?.cccRequired ?? false };
}

/**
 * 全国工业产品生产许可证 number: `XK` + product unit (2 digits) + product (3) + serial (5), optionally preceded by the
 * province abbreviation in brackets, e.g. `XK06-001-00123` or `(粤)XK06-001-00123`.
 */
export const LICENCE_NO = /^(?:[(（][\u4e00-\u9fa5][)）])?XK\d{2}-\d{3}-\d{5}$/;

/** CCC certificate number: 16 digits (year, certification body, product code, serial). */
export const CCC_CERT_NO = /^\d{16}$/;
