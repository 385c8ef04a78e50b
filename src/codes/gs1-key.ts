import { aiValueProblem } from "./gs1-ai.js";
import { type Gs1Scheme, gs1SchemeOfAis, schemeOfValues } from "./gs1-key-patterns.js";
import { IdentifierError } from "./identifier-error.js";
import { percentEncodeDl } from "./percent-encoding.js";

/** One application identifier with its decoded (not percent-encoded) value. */
export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
}

/** A validated GS1 key: the elements that identify the object, plus the lot when the input carried one. */
export interface Gs1Key {
  readonly scheme: Gs1Scheme;
  readonly elements: readonly Gs1Element[];
  readonly lot?: string;
}

/** The host of every canonical key: the GS1 resolver, so a key is also a working Digital Link. */
export const GS1_CANONICAL_ORIGIN = "https://id.gs1.org";

/**
 * Validates decoded elements coming from either spelling and reduces them to the identifying ones. Both the URN and
 * the Digital Link parser end here, which is what makes their keys agree.
 */
export function gs1KeyFromElements(input: string, elements: readonly Gs1Element[]): Gs1Key {
  const sequence = gs1SchemeOfAis(elements.map((element) => element.ai));
  if (sequence === undefined) {
    const ais = elements.map((element) => `(${element.ai})`).join("");
    throw new IdentifierError(input, `no supported GS1 key consists of the AIs ${ais}`);
  }
  for (const { ai, value } of elements) {
    const problem = aiValueProblem(ai, value);
    if (problem !== undefined) throw new IdentifierError(input, `(${ai}) ${problem}`);
  }
  const scheme = schemeOfValues(sequence, new Map(elements.map((element) => [element.ai, element.value])));
  const lot = elements.find((element) => element.ai === "10")?.value;
  return { scheme, elements: elements.filter((element) => !isRedundant(scheme, element)), lot };
}

/**
 * A lot next to a serial adds nothing to the identity of the item, and TDS spells "no GLN extension" as `0`, so
 * neither may make two keys for one object.
 */
function isRedundant(scheme: Gs1Scheme, element: Gs1Element): boolean {
  if (element.ai === "10") return scheme !== "lgtin";
  return element.ai === "254" && element.value === "0";
}

/** The canonical key: the Digital Link on id.gs1.org with strictly percent-encoded values. */
export function gs1KeyUrl(key: Gs1Key): string {
  const path = key.elements.map((element) => `/${element.ai}/${percentEncodeDl(element.value)}`).join("");
  return GS1_CANONICAL_ORIGIN + path;
}
