import { hasValidGs1CheckDigit } from "../codes/index.js";
import { BadUserInputError } from "../errors/app-errors.js";
import { parseInputIdentifier } from "./identifier-input.js";

/**
 * The identifiers an organisation may carry besides its id (issue 14 item 7): its unified social credit code
 * (`uscc:` + USCC, or the bare 18 characters) and its party GLNs (PGLN URN, Digital Link `…/417/{gln}`, or the bare
 * 13 digits). Each comes back as its canonical key, the one EPCIS capture derives from a party's GLN.
 */
export type OrganizationIdentifierKind = "USCC" | "GLN";

const KIND_OF_SCHEME: Readonly<Record<string, OrganizationIdentifierKind>> = { uscc: "USCC", pgln: "GLN" };

/** The canonical key of a USCC or party GLN; BAD_USER_INPUT naming `field` for anything else (or the other kind). */
export function organizationIdentifier(value: string, field: string, only?: OrganizationIdentifierKind): string {
  const text = value.trim();
  const spelled = /^\d{13}$/.test(text)
    ? `https://id.gs1.org/417/${text}`
    : /^[0-9A-Z]{18}$/i.test(text)
      ? `uscc:${text}`
      : text;
  if (/^\d{13}$/.test(text) && !hasValidGs1CheckDigit(text)) {
    throw new BadUserInputError(`${field}: "${text}" fails its GS1 check digit`, {
      field,
      value: text,
      rule: "GS1 check digit",
    });
  }
  const parsed = parseInputIdentifier(spelled, field);
  const kind = KIND_OF_SCHEME[parsed.scheme];
  if (kind === undefined || (only !== undefined && kind !== only)) {
    const expected =
      only === "USCC" ? "a unified social credit code" : only === "GLN" ? "a party GLN" : "a USCC or GLN";
    throw new BadUserInputError(`${field}: "${text.slice(0, 80)}" is not ${expected}`, {
      field,
      value: text.slice(0, 80),
      rule: only === "USCC" ? "uscc" : "organisation identifier",
    });
  }
  return parsed.key;
}

/** Whether an organisation id or identifier (a canonical key) is a USCC. */
export function isUsccKey(key: string): boolean {
  return key.startsWith("uscc:");
}
