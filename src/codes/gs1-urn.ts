import { type Gs1Key, gs1KeyFromElements } from "./gs1-key.js";
import { IdentifierError } from "./identifier-error.js";
import { epcUrnHandler } from "./gs1-urn-schemes.js";

/**
 * EPC pure identity, class and pattern URNs (EPC Tag Data Standard 2.x) turned into GS1 element strings, then
 * validated by `gs1KeyFromElements`, the same code that validates Digital Link URIs.
 */
const URN_HEAD = /^urn:epc:(id|class|idpat):([a-z]+):/i;

/** True when `input` claims to be an EPC URN (the prefix is case-insensitive, as URN namespaces are). */
export function isEpcUrn(input: string): boolean {
  return /^urn:epc:/i.test(input.trim());
}

/** Parses an EPC URN into a validated GS1 key; throws IdentifierError naming `input`. */
export function parseEpcUrn(input: string): Gs1Key {
  const text = input.trim();
  const head = URN_HEAD.exec(text);
  if (head === null) throw new IdentifierError(input, "malformed EPC URN (expected urn:epc:id|class|idpat:<scheme>:…)");
  const kind = `${head[1] ?? ""}:${head[2] ?? ""}`.toLowerCase();
  const handler = epcUrnHandler(kind);
  if (handler === undefined) throw new IdentifierError(input, `unsupported EPC scheme urn:epc:${kind}`);
  return gs1KeyFromElements(input, handler(input, text.slice(head[0].length)));
}
