import { IdentifierError, hasValidGs1CheckDigit, isValidUscc, parseIdentifier } from "../codes/index.js";
import { optionalName, optionalText, requiredName, requiredText, type FieldProblem } from "./field-problem.js";
import type { ProductBasics } from "./producer-model.js";
import { normalizeStandardNo } from "./standard-number.js";
import { findProductCategory } from "./product-categories.js";
import type { ProductRequest } from "./producer-requests.js";

/** A product's basic trace info after the edge checks; the manufacturer's registration is checked against the graph. */
export interface ProductInfo extends ProductBasics {
  id: string | null;
}

const PRODUCT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Checks a ProductRequest for completeness and accuracy; returns the normalised info and every problem found. */
export function checkProductInfo(input: ProductRequest): { info: ProductInfo; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const id = optionalText(input.id);
  if (id !== null && !PRODUCT_ID.test(id)) {
    problems.push({ field: "input.id", rule: "product id", message: "use 1-64 letters, digits, `.`, `_` or `-`" });
  }
  const info: ProductInfo = {
    id,
    manufacturerId: checkManufacturerId(input.manufacturerId, problems),
    name: requiredName(input.name, "input.name", problems),
    brand: optionalName(input.brand, "input.brand", problems),
    model: requiredName(input.model, "input.model", problems),
    category: checkCategory(input.category, problems),
    traceMode: input.traceMode,
    gtin: checkGtin(input.gtin, problems),
    standardNo: checkStandardNo(input.standardNo, problems),
  };
  return { info, problems };
}

/** A category of the table (productCategories), by code or exact name; the product keeps its code. */
function checkCategory(value: string, problems: FieldProblem[]): string {
  const text = requiredText(value, "input.category", problems);
  if (!text) return text;
  const found = findProductCategory(text);
  if (found) return found.code;
  problems.push({
    field: "input.category",
    rule: "product category",
    message: `"${excerpt(text)}" is not a category code or name of productCategories`,
  });
  return text;
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * `uscc:` + 18 characters with a valid GB 32100 check character (a bare USCC is accepted and prefixed), or the party
 * GLN of a maker registered by it (its canonical key): registerProduct then requires that maker to have a USCC.
 */
export function checkManufacturerId(value: string, problems: FieldProblem[], field = "input.manufacturerId"): string {
  const text = value.trim();
  const party = partyKey(text);
  if (party !== null) return party;
  const code = /^uscc:/i.test(text)
    ? text.slice(5).toUpperCase()
    : /^[0-9A-Z]{18}$/i.test(text)
      ? text.toUpperCase()
      : null;
  if (code === null) {
    problems.push({ field, rule: "uscc", message: `"${value}" is not \`uscc:\` + a unified social credit code` });
    return text;
  }
  if (!isValidUscc(code)) {
    problems.push({
      field,
      rule: "GB 32100 check character",
      message: `"${value}" is not a valid unified social credit code (format or check character, GB 32100-2015)`,
    });
  }
  return `uscc:${code}`;
}

/** The canonical key of a party GLN (PGLN URN or Digital Link), or null for anything else. */
function partyKey(text: string): string | null {
  if (!/^(urn:epc:id:pgln:|https?:\/\/)/i.test(text)) return null;
  try {
    const parsed = parseIdentifier(text);
    return parsed.kind === "PARTY" ? parsed.key : null;
  } catch (error) {
    if (error instanceof IdentifierError) return null;
    throw error;
  }
}

function checkGtin(value: string | null | undefined, problems: FieldProblem[]): string | null {
  const text = optionalText(value);
  if (text === null) return null;
  if (!/^(\d{8}|\d{12,14})$/.test(text)) {
    problems.push({ field: "input.gtin", rule: "GTIN", message: `"${text}" is not a GTIN-8, -12, -13 or -14` });
    return null;
  }
  if (!hasValidGs1CheckDigit(text)) {
    problems.push({ field: "input.gtin", rule: "GS1 check digit", message: `"${text}" has a wrong check digit` });
    return null;
  }
  return text.padStart(14, "0");
}

function checkStandardNo(value: string, problems: FieldProblem[]): string {
  const text = requiredText(value, "input.standardNo", problems);
  if (!text) return text;
  const normalized = normalizeStandardNo(text);
  if (normalized === null) {
    problems.push({
      field: "input.standardNo",
      rule: "standard number",
      message: `"${text}" is not a standard number like GB/T 12706.1-2020, GB 17761-2024 or Q/XXX 001-2023`,
    });
    return text;
  }
  return normalized;
}
