import { gs1CheckDigit } from "./gs1-check-digit.js";
import { type Gs1Element } from "./gs1-key.js";
import { IdentifierError } from "./identifier-error.js";
import { percentDecode } from "./percent-encoding.js";

/**
 * One function per EPC scheme (TDS 2.x §6.3 and §6.4): it rebuilds the GS1 element string from company prefix and
 * reference (indicator or extension digit moved first, check digit computed). Lengths of the digit parts are checked
 * here because only the URN shows where the company prefix ends; every other value rule lives in `gs1-ai.ts`.
 */
export type EpcUrnHandler = (input: string, body: string) => Gs1Element[];

/** Characters TDS allows bare in an alphanumeric URN component; everything else comes as `%XX`. */
const URN_TEXT = /^(?:[A-Za-z0-9!'()*+,\-.:;=_]|%[0-9A-Fa-f]{2})+$/;

/** Splits on dots into `count` parts; only the last part (a serial) may itself contain dots. */
function parts(input: string, body: string, count: number): string[] {
  const all = body.split(".");
  if (all.length < count) throw new IdentifierError(input, `expected ${count} dot-separated parts`);
  return [...all.slice(0, count - 1), all.slice(count - 1).join(".")];
}

function companyPrefix(input: string, prefix: string): string {
  if (!/^\d{6,12}$/.test(prefix)) throw new IdentifierError(input, "company prefix must be 6 to 12 digits");
  return prefix;
}

/** Company prefix and a numeric reference that together have `total` digits. */
function companyDigits(input: string, prefix: string, reference: string, total: number): string {
  companyPrefix(input, prefix);
  if (!/^\d*$/.test(reference) || prefix.length + reference.length !== total) {
    throw new IdentifierError(input, `company prefix and reference must be ${total} digits together`);
  }
  return prefix + reference;
}

function withCheckDigit(digits: string): string {
  return digits + gs1CheckDigit(digits);
}

/** GTIN-14 from SGTIN/LGTIN/ITIP/UPUI parts: the indicator digit leads the item reference but goes first. */
function gtinOf(input: string, prefix: string, itemReference: string): string {
  companyDigits(input, prefix, itemReference, 13);
  return withCheckDigit(itemReference.slice(0, 1) + prefix + itemReference.slice(1));
}

function urnText(input: string, raw: string, name: string): string {
  const decoded = URN_TEXT.test(raw) ? percentDecode(raw) : undefined;
  if (decoded === undefined) {
    throw new IdentifierError(input, `${name} is empty or has characters an EPC URN must escape`);
  }
  return decoded;
}

const element = (ai: string, value: string): Gs1Element => ({ ai, value });

/** `CP.REF` with `total` digits, check digit appended: GLN, GSRN, GSIN. */
function checkedKey(ai: string, total: number): EpcUrnHandler {
  return (input, body) => {
    const [prefix = "", reference = ""] = parts(input, body, 2);
    return [element(ai, withCheckDigit(companyDigits(input, prefix, reference, total)))];
  };
}

/** `CP.REF.SERIAL` where the 12-digit key and the serial are concatenated in one AI: GRAI, GDTI, SGCN. */
function keyWithSerial(ai: string, lead: string): EpcUrnHandler {
  return (input, body) => {
    const [prefix = "", reference = "", serial = ""] = parts(input, body, 3);
    const key = withCheckDigit(lead + companyDigits(input, prefix, reference, 12));
    return [element(ai, key + urnText(input, serial, "serial"))];
  };
}

/** `CP.REFERENCE` concatenated as is: GIAI, GINC. */
function companyReference(ai: string): EpcUrnHandler {
  return (input, body) => {
    const [prefix = "", reference = ""] = parts(input, body, 2);
    return [element(ai, companyPrefix(input, prefix) + urnText(input, reference, "reference"))];
  };
}

/** `CP.IR.X`: GTIN plus one qualifier (serial, lot, TPX). */
function gtinWith(ai: string, name: string): EpcUrnHandler {
  return (input, body) => {
    const [prefix = "", itemReference = "", qualifier = ""] = parts(input, body, 3);
    return [element("01", gtinOf(input, prefix, itemReference)), element(ai, urnText(input, qualifier, name))];
  };
}

const sscc: EpcUrnHandler = (input, body) => {
  const [prefix = "", serialReference = ""] = parts(input, body, 2);
  companyDigits(input, prefix, serialReference, 17);
  // The extension digit leads the serial reference in the URN but the whole SSCC.
  return [element("00", withCheckDigit(serialReference.slice(0, 1) + prefix + serialReference.slice(1)))];
};

const sgln: EpcUrnHandler = (input, body) => {
  const [prefix = "", locationReference = "", extension = ""] = parts(input, body, 3);
  const gln = element("414", withCheckDigit(companyDigits(input, prefix, locationReference, 12)));
  // Extension "0" is dropped later, in gs1KeyFromElements, together with a Digital Link "/254/0".
  return [gln, element("254", urnText(input, extension, "extension"))];
};

/**
 * EPC pattern URIs (TDS §8, `urn:epc:idpat:<scheme>:…`) with only the last component starred name one class: all
 * serials of one GTIN (SGTIN, UPUI), of one asset type (GRAI), document type (GDTI), coupon (SGCN), part (CPI) or
 * piece of a trade item (ITIP). `names` are the parts before the `*` (for messages), which must all be given.
 */
function classPattern(
  names: readonly string[],
  build: (input: string, given: string[]) => Gs1Element[],
): EpcUrnHandler {
  return (input, body) => {
    const all = body.split(".");
    const given = all.slice(0, -1);
    if (all.length !== names.length + 1 || all.at(-1) !== "*" || given.includes("*")) {
      throw new IdentifierError(
        input,
        `only the pattern ${[...names, "*"].join(".")} (the serial starred) names one class`,
      );
    }
    return build(input, given);
  };
}

const gtinClass = classPattern(["CP", "IR"], (input, [prefix = "", itemReference = ""]) => [
  element("01", gtinOf(input, prefix, itemReference)),
]);

/** Patterns that select several classes or whole company ranges (SSCC, SGLN, GIAI, …) name no single object. */
const noClass: EpcUrnHandler = (input) => {
  throw new IdentifierError(input, "this EPC pattern selects many objects of several classes; it names no one class");
};

const PATTERNS: Readonly<Record<string, EpcUrnHandler>> = {
  "idpat:sgtin": gtinClass,
  "idpat:upui": gtinClass,
  "idpat:grai": classPattern(["CP", "AT"], (input, [prefix = "", assetType = ""]) => [
    element("8003", withCheckDigit("0" + companyDigits(input, prefix, assetType, 12))),
  ]),
  "idpat:gdti": classPattern(["CP", "DT"], (input, [prefix = "", documentType = ""]) => [
    element("253", withCheckDigit(companyDigits(input, prefix, documentType, 12))),
  ]),
  "idpat:sgcn": classPattern(["CP", "CR"], (input, [prefix = "", couponReference = ""]) => [
    element("255", withCheckDigit(companyDigits(input, prefix, couponReference, 12))),
  ]),
  "idpat:cpi": classPattern(["CP", "PR"], (input, [prefix = "", partReference = ""]) => [
    element("8010", companyPrefix(input, prefix) + urnText(input, partReference, "part reference")),
  ]),
  "idpat:itip": classPattern(
    ["CP", "IR", "PP", "TT"],
    (input, [prefix = "", itemReference = "", piece = "", total = ""]) => [
      element("8006", gtinOf(input, prefix, itemReference) + pieceAndTotal(input, piece, total)),
    ],
  ),
  ...Object.fromEntries(
    ["sscc", "sgln", "pgln", "giai", "gsrn", "gsrnp", "ginc", "gsin", "lgtin"].map((s) => [`idpat:${s}`, noClass]),
  ),
};

/** ITIP piece and total are fixed two-digit fields; checked apart so "012.2" cannot pass as "01.22". */
function pieceAndTotal(input: string, piece: string, total: string): string {
  if (!/^\d{2}$/.test(piece) || !/^\d{2}$/.test(total)) {
    throw new IdentifierError(input, "ITIP piece and total must be 2 digits each");
  }
  return piece + total;
}

const cpi: EpcUrnHandler = (input, body) => {
  const [prefix = "", partReference = "", serial = ""] = parts(input, body, 3);
  return [
    element("8010", companyPrefix(input, prefix) + urnText(input, partReference, "part reference")),
    element("8011", serial),
  ];
};

const itip: EpcUrnHandler = (input, body) => {
  const [prefix = "", itemReference = "", piece = "", total = "", serial = ""] = parts(input, body, 5);
  const itipDigits = gtinOf(input, prefix, itemReference) + pieceAndTotal(input, piece, total);
  return [element("8006", itipDigits), element("21", urnText(input, serial, "serial"))];
};

const HANDLERS: Readonly<Record<string, EpcUrnHandler>> = {
  "id:sgtin": gtinWith("21", "serial"),
  "class:lgtin": gtinWith("10", "lot"),
  "id:upui": gtinWith("235", "TPX"),
  "id:itip": itip,
  "id:sscc": sscc,
  "id:sgln": sgln,
  "id:pgln": checkedKey("417", 12),
  "id:grai": keyWithSerial("8003", "0"),
  "id:giai": companyReference("8004"),
  "id:gsrn": checkedKey("8018", 17),
  "id:gsrnp": checkedKey("8017", 17),
  "id:gdti": keyWithSerial("253", ""),
  "id:cpi": cpi,
  "id:sgcn": keyWithSerial("255", ""),
  "id:ginc": companyReference("401"),
  "id:gsin": checkedKey("402", 16),
  ...PATTERNS,
};

/** The handler for `namespace:scheme` (lower case), e.g. `id:sgtin`; undefined for unsupported schemes. */
export function epcUrnHandler(kind: string): EpcUrnHandler | undefined {
  return HANDLERS[kind];
}
